import { Client, Connection } from '@temporalio/client';
import { AccessJournal } from '../lib/access-journal';
import { DEV_PSEUDONYM_SECRET, loadConfig, productionProblems } from '../lib/config';
import { DEV_KEYRING_WARNING, loadKeySource } from '../lib/codec/config';
import { encryptingDataConverter } from '../lib/codec/data-converter';
import { ConventionStore } from '../lib/convention-store';
import { ConventionGateway } from './convention-gateway';
import { CpasRegistry } from '../lib/cpas-registry';
import { openDatabase } from '../lib/db';
import { DossierStore } from '../lib/dossier-store';
import { IdempotencyStore } from '../lib/idempotency-store';
import { createApp, createLogger } from './app';
import { ApiMetrics } from './metrics';
import { EmailAlerts } from './email-alerts';
import { EmailDeliveryStore } from '../lib/email-delivery-store';
import { ApiKeys } from './auth';
import { ParcoursGateway } from './parcours-gateway';
import { portail } from '../portal/portail';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();
  const keys = ApiKeys.fromFile(config.apiKeysPath);
  if (config.production) {
    const problems = productionProblems(config, keys.hashes());
    if (problems.length) {
      for (const p of problems) console.error(`refusing to start: ${p}`);
      process.exitCode = 1;
      return;
    }
  } else if (config.pseudonymSecret === DEV_PSEUDONYM_SECRET) logger.warn('PARCOURS_PSEUDONYM_SECRET is not set: using the development secret');
  if (!config.production && config.portal.development.length) logger.warn(`CPAS portal: development ${config.portal.development.join(', ')}`);
  if (config.codec.development) logger.warn(DEV_KEYRING_WARNING);
  const dataConverter = encryptingDataConverter(loadKeySource(config.codec));
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter });
  const db = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  const conventionStore = new ConventionStore(db);
  const metrics = config.apiMetricsAddress ? new ApiMetrics() : undefined;
  const emailAlerts = new EmailAlerts(new EmailDeliveryStore(db), { afterMs: config.emailAlertSeconds * 1000, logger });
  metrics?.suivreEmails(() => emailAlerts.figures());
  const stopEmailAlerts = emailAlerts.start(config.emailCheckSeconds * 1000);
  const metricsServer = config.apiMetricsAddress ? await metrics!.serve(config.apiMetricsAddress) : undefined;
  const app = createApp({
    ...(metrics ? { metrics } : {}),
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    gateway: new ParcoursGateway(client, config.taskQueue, config.rectificationMois),
    store: new DossierStore(db),
    idempotency: new IdempotencyStore(db, { retentionMs: config.idempotencyRetentionDays * 86_400_000, abandonedAfterMs: config.idempotencyAbandonedSeconds * 1000 }),
    accessJournal: new AccessJournal(db),
    registry: CpasRegistry.fromFile(config.cpasRegistryPath).suivreConventions(conventionStore),
    conventions: { gateway: new ConventionGateway(client, config.taskQueue, conventionStore), store: conventionStore },
    keys,
    authThrottle: { maxFailures: config.authMaxFailures, windowMs: config.authWindowSeconds * 1000 },
    db,
    pseudonymSecret: config.pseudonymSecret,
    logger,
    // The CPAS portal (/portail): loaded here, not by createApp, since openid-client and jose are ES modules.
    extend: portail({ config }),
  });
  const server = app.listen(config.apiPort, () => logger.info(`API listening on http://localhost:${config.apiPort}/v1 (documentation: /v1/docs), CPAS portal on ${config.publicUrl}/portail`));
  const stop = () => {
    stopEmailAlerts();
    metricsServer?.close();
    server.close(() => {
      void connection.close().finally(() => void db.close());
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
