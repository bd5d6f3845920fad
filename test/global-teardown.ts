/** Stops the run's private PostgreSQL (test/global-setup.ts), whatever the tests' outcome. */
import fs from 'node:fs';
import { stopCluster } from './helpers/postgres-cluster';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.PARCOURS_TEST_POSTGRES_DIR;
  if (dir && fs.existsSync(dir)) stopCluster(process.env.PARCOURS_POSTGRES_BIN!, dir);
}
