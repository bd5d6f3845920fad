/**
 * `npm run migrate` (in the image: `node dist/scripts/migrate.js`): brings Parcours' database to
 * the current schema and exits, 0 when it is. The production compose runs it once, as the one-shot
 * `migrate` service, before the worker and API replicas start (docker-compose.yml).
 */
import { loadConfig } from '../lib/config';
import { openDatabase } from '../lib/database';

function main(): void {
  const config = loadConfig();
  // Opening applies the missing migrations in one transaction.
  const db = openDatabase(config.databasePath);
  db.close();
  console.log('database migrated');
}

try {
  main();
} catch (err) {
  console.error(err);
  process.exit(1);
}
