import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DEV_KEYRING_WARNING, loadKeySource } from '../lib/codec/config';
import { encryptingDataConverter } from '../lib/codec/data-converter';
import { databaseProblems, loadConfig, publicUrlProblems } from '../lib/config';
import { ConventionStore } from '../lib/convention-store';
import { CpasRegistry } from '../lib/cpas-registry';
import { openDatabase } from '../lib/db';
import { DossierStore } from '../lib/dossier-store';
import { ensureRetentionSchedule } from '../lib/retention/schedule';
import { RetentionStore } from '../lib/retention/store';
import { installRuntime } from './telemetry';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const problems = config.production ? [...publicUrlProblems(config), ...databaseProblems(config)] : [];
  if (problems.length) {
    console.error(`refusing to start: ${problems.join('; ')}`);
    process.exit(1);
  }
  if (config.codec.development) console.warn(`WARNING: ${DEV_KEYRING_WARNING}`);
  const dataConverter = encryptingDataConverter(loadKeySource(config.codec));
  installRuntime(config);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter });
  const db = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  const conventions = new ConventionStore(db);
  const worker = await createWorker({
    connection,
    config,
    store: new DossierStore(db),
    registry: CpasRegistry.fromFile(config.cpasRegistryPath).suivreConventions(conventions),
    conventions,
    retention: new RetentionStore(db),
    client,
    dataConverter,
  });
  await ensureRetentionSchedule(client, config.retention, config.taskQueue);
  console.log(`worker listening on task queue ${config.taskQueue}; retention: ${config.retention.mois} months${config.retention.dryRun ? ' (dry run)' : ''}`);
  await worker.run(); // resolves after SIGINT/SIGTERM once in-flight tasks are done
  await clientConnection.close();
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
