/**
 * `npm run migrate` (in the image: `node dist/scripts/migrate.js`): brings the database of
 * PARCOURS_DATABASE_URL to the latest migration (lib/db/migrations.ts) and exits, 0 when it is.
 * The production compose runs it once, as the one-shot `migrate` service, before the worker and
 * API replicas start (docker-compose.yml); they then find nothing left to apply.
 */
import { loadConfig } from '../lib/config';
import { openDatabase } from '../lib/db';

async function main(): Promise<void> {
  const config = loadConfig();
  // Opening applies the missing migrations (Kysely's Migrator, under its lock in PostgreSQL).
  const db = await openDatabase(config.databaseUrl, { poolSize: 1 });
  await db.close();
  console.log('database migrated');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
