import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { CpasRegistry } from '../lib/cpas-registry';
import { openDatabase } from '../lib/database';
import { DossierStore } from '../lib/dossier-store';
import { installRuntime } from './telemetry';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  installRuntime(config);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const db = openDatabase(config.databasePath);
  const worker = await createWorker({ connection, config, store: new DossierStore(db), registry: CpasRegistry.fromFile(config.cpasRegistryPath) });
  console.log(`worker listening on task queue ${config.taskQueue}`);
  await worker.run(); // resolves after SIGINT/SIGTERM once in-flight tasks are done
  await connection.close();
  db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
