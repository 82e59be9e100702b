/**
 * Runs `task` at most once at a time. A call made while it runs is not lost: the task runs once
 * more after the current run (a poke during a pull must lead to another pull).
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let again: Promise<T> | null = null;
  return function run(): Promise<T> {
    if (!running) {
      running = task().finally(() => {
        running = null;
      });
      return running;
    }
    again ??= running.then(
      () => {
        again = null;
        return run();
      },
      () => {
        again = null;
        return run();
      },
    );
    return again;
  };
}
