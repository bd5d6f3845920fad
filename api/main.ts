import { Client, Connection } from '@temporalio/client';
import { loadConfig, DEV_PSEUDONYM_SECRET } from '../lib/config';
import { CpasRegistry } from '../lib/cpas-registry';
import { openDatabase } from '../lib/database';
import { DossierStore } from '../lib/dossier-store';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.pseudonymSecret === DEV_PSEUDONYM_SECRET) console.warn('PARCOURS_PSEUDONYM_SECRET is not set: using the development secret');
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection, namespace: config.temporalNamespace });
  const db = openDatabase(config.databasePath);
  const app = createApp({ client, store: new DossierStore(db), registry: CpasRegistry.fromFile(config.cpasRegistryPath), taskQueue: config.taskQueue, pseudonymSecret: config.pseudonymSecret });
  const server = app.listen(config.apiPort, () => console.log(`API listening on http://localhost:${config.apiPort}/v1`));
  const stop = () => {
    server.close(() => {
      void connection.close().finally(() => db.close());
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
