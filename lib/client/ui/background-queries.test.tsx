import { act, render, renderHook, screen, waitFor } from '@testing-library/preact';
import { render as preactRender, type ComponentChildren } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import {
  BackgroundQueries,
  BackgroundQueriesContext,
  keepEqualParts,
  useBackgroundMutation,
  useBackgroundQuery,
} from './background-queries';

function wrapper(queries: BackgroundQueries) {
  return ({ children }: { children?: ComponentChildren }) => (
    <BackgroundQueriesContext.Provider value={queries}>{children}</BackgroundQueriesContext.Provider>
  );
}

/**
 * Preact's own render, as a page or the content script mounts: plain effects run after the next
 * frame (testing-library's act would run them at once). Returns the container.
 */
function renderInPage(queries: BackgroundQueries, children: ComponentChildren): HTMLElement {
  const container = document.body.appendChild(document.createElement('div'));
  preactRender(<BackgroundQueriesContext.Provider value={queries}>{children}</BackgroundQueriesContext.Provider>, container);
  return container;
}

describe('BackgroundQueries', () => {
  it('asks once for readers of one key and shares the answer', async () => {
    const queries = new BackgroundQueries();
    const ask = vi.fn(() => Promise.resolve({ n: 1 }));
    function Reader({ id }: { id: string }) {
      const state = useBackgroundQuery({ queryKey: ['k'], queryFn: ask });
      return <p data-testid={id}>{state.isPending ? 'pending' : String(state.data?.n)}</p>;
    }
    render(
      <BackgroundQueriesContext.Provider value={queries}>
        <Reader id="a" />
        <Reader id="b" />
      </BackgroundQueriesContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('1'));
    expect(screen.getByTestId('a').textContent).toBe('1');
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('keeps a fresh answer for a new reader and asks again once invalidated', async () => {
    const queries = new BackgroundQueries();
    let n = 0;
    const ask = vi.fn(() => Promise.resolve(++n));
    await queries.fetch({ queryKey: ['sidedesk', 'popup'], queryFn: ask });
    const { result } = renderHook(() => useBackgroundQuery({ queryKey: ['sidedesk', 'popup'], queryFn: ask }), {
      wrapper: wrapper(queries),
    });
    expect(result.current.data).toBe(1);
    expect(ask).toHaveBeenCalledTimes(1);

    await act(() => queries.invalidate(['sidedesk']));
    await waitFor(() => expect(result.current.data).toBe(2));
    // Another prefix, or one the predicate leaves out: no ask.
    await act(() => queries.invalidate(['other']));
    await act(() => queries.invalidate(['sidedesk'], (key) => key[1] !== 'popup'));
    await Promise.resolve();
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('asks again when invalidated while an ask was on its way (its answer may predate the change)', async () => {
    const queries = new BackgroundQueries();
    const answers: ((value: string) => void)[] = [];
    const ask = vi.fn(() => new Promise<string>((resolve) => answers.push(resolve)));
    const { result } = renderHook(() => useBackgroundQuery({ queryKey: ['sidedesk', 'sidebar'], queryFn: ask }), {
      wrapper: wrapper(queries),
    });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    await act(() => queries.invalidate(['sidedesk']));
    expect(ask).toHaveBeenCalledTimes(1);
    await act(() => answers[0]!('before the change'));
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    await act(() => answers[1]!('after the change'));
    await waitFor(() => expect(result.current.data).toBe('after the change'));
    expect(queries.isInvalidated(['sidedesk', 'sidebar'])).toBe(false);
  });

  it('shows a change in the answers shown at once, but not in one being asked (its answer may predate it)', async () => {
    const queries = new BackgroundQueries();
    const answers: ((value: { priority: string }) => void)[] = [];
    const ask = vi.fn(() => new Promise<{ priority: string }>((resolve) => answers.push(resolve)));
    const { result } = renderHook(() => useBackgroundQuery({ queryKey: ['sidedesk', 'sidebar', 'k'], queryFn: ask }), {
      wrapper: wrapper(queries),
    });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    const toHigh = (_key: unknown, data: unknown) => ({ ...(data as object), priority: 'high' });
    await act(() => queries.patch(['sidedesk', 'sidebar'], toHigh));
    expect(result.current.data).toBeUndefined();
    await act(() => answers[0]!({ priority: 'normal' }));
    await waitFor(() => expect(result.current.data).toEqual({ priority: 'normal' }));

    await act(() => queries.patch(['sidedesk', 'popup'], toHigh));
    expect(result.current.data).toEqual({ priority: 'normal' });
    await act(() => queries.patch(['sidedesk', 'sidebar'], toHigh));
    expect(result.current.data).toEqual({ priority: 'high' });
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('shows an answer that arrived between the first render and the subscription', async () => {
    const queries = new BackgroundQueries();
    let answer!: (value: string) => void;
    const prefetch = queries.fetch({ queryKey: ['k'], queryFn: () => new Promise<string>((resolve) => (answer = resolve)) });
    function Reader() {
      const state = useBackgroundQuery({ queryKey: ['k'], queryFn: () => Promise.resolve('asked again') });
      // The answer lands while this first render is still being committed.
      if (state.isPending) answer('prefetched');
      return <p data-testid="reader">{state.isPending ? 'pending' : state.data}</p>;
    }
    // As the content script mounts: the answer's promise settles in a microtask, before the
    // effects that run after the next frame.
    const container = renderInPage(queries, <Reader />);
    await prefetch;
    await waitFor(() => expect(container.textContent).toBe('prefetched'));
    preactRender(null, container);
  });

  it('asks for an eager query as the render is committed, and for the others after the next frame', async () => {
    const queries = new BackgroundQueries();
    const askEager = vi.fn(() => Promise.resolve('rows'));
    const askLater = vi.fn(() => Promise.resolve('viewers'));
    function Search() {
      const search = useBackgroundQuery({ queryKey: ['search', '#1042'], queryFn: askEager, eager: true });
      const other = useBackgroundQuery({ queryKey: ['viewers'], queryFn: askLater });
      return (
        <p data-testid="search">
          {search.data ?? 'pending'} {other.data ?? 'pending'}
        </p>
      );
    }
    const container = renderInPage(queries, <Search />);

    expect(askEager).toHaveBeenCalledTimes(1);
    expect(askLater).not.toHaveBeenCalled();
    await waitFor(() => expect(container.textContent).toBe('rows viewers'));
    expect(askEager).toHaveBeenCalledTimes(1);
    expect(askLater).toHaveBeenCalledTimes(1);
    preactRender(null, container);
  });

  it('re-renders after a re-read only when the answer changed, or for a reader of isFetching', async () => {
    const queries = new BackgroundQueries();
    let answer = { tickets: [{ id: 't-1' }] };
    const ask = vi.fn(() => Promise.resolve(structuredClone(answer)));
    const renders = { data: 0, fetching: 0 };
    function DataReader() {
      renders.data += 1;
      const state = useBackgroundQuery({ queryKey: ['sidedesk', 'queues'], queryFn: ask });
      return <p data-testid="data">{state.data?.tickets.map((t) => t.id).join(',')}</p>;
    }
    function FetchingReader() {
      renders.fetching += 1;
      const state = useBackgroundQuery({ queryKey: ['sidedesk', 'queues'], queryFn: ask });
      return <p>{state.isFetching ? 'fetching' : 'idle'}</p>;
    }
    render(
      <BackgroundQueriesContext.Provider value={queries}>
        <DataReader />
        <FetchingReader />
      </BackgroundQueriesContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('t-1'));
    const settled = { ...renders };

    await act(() => queries.invalidate(['sidedesk']));
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    await act(() => Promise.resolve());
    expect(renders.data).toBe(settled.data);
    expect(renders.fetching).toBeGreaterThan(settled.fetching);

    answer = { tickets: [{ id: 't-1' }, { id: 't-2' }] };
    await act(() => queries.invalidate(['sidedesk']));
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('t-1,t-2'));
  });

  it('asks an invalidated answer nobody shows only when shown again', async () => {
    const queries = new BackgroundQueries();
    const ask = vi.fn(() => Promise.resolve('x'));
    await queries.fetch({ queryKey: ['sidedesk', 'queues'], queryFn: ask });
    queries.invalidate(['sidedesk']);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(queries.isInvalidated(['sidedesk', 'queues'])).toBe(true);
    renderHook(() => useBackgroundQuery({ queryKey: ['sidedesk', 'queues'], queryFn: ask }), { wrapper: wrapper(queries) });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
  });

  it('retries once before it shows the error, and keeps what was shown', async () => {
    vi.useFakeTimers();
    try {
      const queries = new BackgroundQueries({ retryDelayMs: 1_000 });
      const ask = vi.fn().mockRejectedValueOnce(new Error('first')).mockRejectedValueOnce(new Error('second'));
      const failing = queries.fetch({ queryKey: ['k'], queryFn: ask });
      const settled = expect(failing).rejects.toThrow('second');
      await vi.advanceTimersByTimeAsync(1_000);
      await settled;
      expect(ask).toHaveBeenCalledTimes(2);

      ask.mockResolvedValueOnce('ok');
      await expect(queries.fetch({ queryKey: ['k'], queryFn: ask })).resolves.toBe('ok');
      ask.mockRejectedValueOnce(new Error('a')).mockRejectedValueOnce(new Error('b'));
      const refetch = queries.fetch({ queryKey: ['k'], queryFn: ask }).catch((error: Error) => error.message);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await refetch).toBe('b');
      const { result } = renderHook(() => useBackgroundQuery({ queryKey: ['k'], queryFn: ask, enabled: false }), {
        wrapper: wrapper(queries),
      });
      expect(result.current.isError).toBe(true);
      expect(result.current.data).toBe('ok');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask while disabled, and asks for the new key when the key changes', async () => {
    const queries = new BackgroundQueries();
    const ask = vi.fn((key: string) => Promise.resolve(`answer ${key}`));
    const { result, rerender } = renderHook(
      ({ key, enabled }: { key: string; enabled: boolean }) =>
        useBackgroundQuery({ queryKey: ['k', key], queryFn: () => ask(key), enabled }),
      { wrapper: wrapper(queries), initialProps: { key: 'a', enabled: false } },
    );
    expect(result.current.isPending).toBe(true);
    expect(ask).not.toHaveBeenCalled();
    rerender({ key: 'a', enabled: true });
    await waitFor(() => expect(result.current.data).toBe('answer a'));
    rerender({ key: 'b', enabled: true });
    await waitFor(() => expect(result.current.data).toBe('answer b'));
  });

  it('forgets an answer nobody has shown for five minutes', async () => {
    vi.useFakeTimers();
    try {
      const queries = new BackgroundQueries();
      const ask = vi.fn(() => Promise.resolve('a'));
      const { unmount } = renderHook(() => useBackgroundQuery({ queryKey: ['k'], queryFn: ask }), { wrapper: wrapper(queries) });
      await vi.advanceTimersByTimeAsync(0);
      unmount();
      await vi.advanceTimersByTimeAsync(4 * 60_000);
      expect(queries.size).toBe(1);
      // Shown again meanwhile: kept past the five minutes.
      const again = renderHook(() => useBackgroundQuery({ queryKey: ['k'], queryFn: ask }), { wrapper: wrapper(queries) });
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      expect(queries.size).toBe(1);
      expect(ask).toHaveBeenCalledTimes(1);
      again.unmount();
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(queries.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells who watches answers (the content script records a ticket once shown)', async () => {
    const queries = new BackgroundQueries();
    const heard: unknown[] = [];
    const stop = queries.onAnswer((key, data) => heard.push([key[1], data]));
    await queries.fetch({ queryKey: ['sidedesk', 'sidebar', 'k'], queryFn: () => Promise.resolve('ready') });
    stop();
    await queries.fetch({ queryKey: ['sidedesk', 'sidebar', 'k2'], queryFn: () => Promise.resolve('later') });
    expect(heard).toEqual([['sidebar', 'ready']]);
  });

  it('asks again for what is shown when the page comes back into view, if stale', async () => {
    const queries = new BackgroundQueries({ staleTime: 0 });
    const ask = vi.fn(() => Promise.resolve('s'));
    renderHook(() => useBackgroundQuery({ queryKey: ['sidedesk', 'session'], queryFn: ask }), { wrapper: wrapper(queries) });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    const stop = queries.refetchOnFocus(window);
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    stop();
    window.dispatchEvent(new Event('focus'));
    await Promise.resolve();
    expect(ask).toHaveBeenCalledTimes(2);
  });
});

describe('keepEqualParts', () => {
  it('keeps the objects of parts that did not change', () => {
    const before = { ticket: { id: 't', tags: ['a'] }, replies: [{ id: 'r1' }, { id: 'r2', status: 'sent' }] };
    const after = { ticket: { id: 't', tags: ['a'] }, replies: [{ id: 'r1' }, { id: 'r2', status: 'delayed' }] };
    const kept = keepEqualParts(before, after) as typeof after;
    expect(kept).toEqual(after);
    expect(kept).not.toBe(before);
    expect(kept.ticket).toBe(before.ticket);
    expect(kept.replies[0]).toBe(before.replies[0]);
    expect(kept.replies[1]).not.toBe(before.replies[1]);
    expect(keepEqualParts(before, structuredClone(before))).toBe(before);
    expect(keepEqualParts({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(keepEqualParts([1, 2], [1])).toEqual([1]);
  });
});

describe('useBackgroundMutation', () => {
  it('says it is sending, then the error, and runs the callbacks and onSettled', async () => {
    const onSettled = vi.fn();
    let fail = true;
    const { result } = renderHook(() =>
      useBackgroundMutation({
        mutationFn: (n: number) => (fail ? Promise.reject(new Error(`no ${n}`)) : Promise.resolve(n * 2)),
        onSettled,
      }),
    );
    const onError = vi.fn();
    await act(() => result.current.mutate(1, { onError }));
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.error?.message).toBe('no 1'));
    expect(result.current.isError).toBe(true);
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    const onSuccess = vi.fn();
    await act(() => result.current.mutate(2, { onSuccess }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(4));
    expect(result.current.error).toBeNull();
    await waitFor(() => expect(onSettled).toHaveBeenCalledTimes(2));
  });
});
