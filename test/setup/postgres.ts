import { postgresBinDir, startThrowawayPostgres } from '../../server/test-support/throwaway-postgres';

// Vitest global setup: gives the store contract suite a real PostgreSQL. TEST_DATABASE_URL wins;
// otherwise, when Debian's postgresql package is installed, a throwaway cluster is started in a
// temp dir for this run and removed after. Without either, the Postgres suites fail in CI
// (a skipped suite is a failure there) and are skipped on a developer machine with a message.
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const bin = postgresBinDir();
  if (!bin) {
    const advice = 'Install it with: apt-get install -y postgresql (or set TEST_DATABASE_URL).';
    console.warn(`[test] PostgreSQL not found: the Postgres store suites ${process.env.CI ? 'will fail' : 'are skipped'}. ${advice}`);
    return undefined;
  }
  const cluster = await startThrowawayPostgres(bin);
  process.env.TEST_DATABASE_URL = cluster.url;
  console.log(`[test] throwaway PostgreSQL on ${new URL(cluster.url).host}`);
  return () => cluster.stop();
}
