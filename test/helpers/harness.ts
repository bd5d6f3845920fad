/**
 * A Parcours worker against a real Temporal server (time-skipping or dev), a real SMTP server
 * and a real database — SQLite, or PostgreSQL (test/helpers/database.ts) — as each workflow or
 * end-to-end test needs them. The worker and the
 * environment's client encrypt payloads with the test keyring (test/helpers/codec.ts).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { ConventionStore } from '../../lib/convention-store';
import { CpasRegistry } from '../../lib/cpas-registry';
import type { Db, DialectName } from '../../lib/db';
import { DossierStore } from '../../lib/dossier-store';
import { RetentionStore } from '../../lib/retention/store';
import { createWorker } from '../../worker/worker';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { testDataConverter } from './codec';
import { freshDatabase } from './database';
import { TestSmtpServer } from './smtp';
import { temporalCliPath, testServerPath, workflowBundle } from './tools';

// Worker lifecycle chatter hides test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

export const SERVICE_CONTROLE_EMAIL = 'controle@forem.test';
/** The portal's address the e-mails to a CPAS link to (PARCOURS_PUBLIC_URL). */
export const PUBLIC_URL = 'https://parcours.forem.test';

export interface Harness {
  env: TestWorkflowEnvironment;
  smtp: TestSmtpServer;
  db: Db;
  dialect: DialectName;
  /** The database's URL: a SQLite file's path, or `postgres://…`. */
  databaseUrl: string;
  store: DossierStore;
  registry: CpasRegistry;
  conventions: ConventionStore;
  retention: RetentionStore;
  dataConverter: DataConverter;
  taskQueue: string;
  worker: Worker;
  running: Promise<void>;
  stop(): Promise<void>;
}

export async function startTimeSkipping(dataConverter: DataConverter = testDataConverter()): Promise<TestWorkflowEnvironment> {
  return retryStartup(() => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } }, client: { dataConverter } }));
}

/**
 * The SDK gives a server it starts five seconds to listen, which a JVM on two cores busy with the
 * other test files (the faults tier's processes) sometimes needs more than: started again, twice.
 */
async function retryStartup(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String(err))) throw err;
    }
  }
}
export interface DevServerOptions {
  /** `extraArgs`, e.g. dynamic config or the UI's codec endpoint. */
  extraArgs?: string[];
  /** The product database's dialect; SQLite by default. */
  dialect?: DialectName;
  /** Keep Temporal's state in this SQLite file (in WAL mode), to read what it stores. */
  dbFilename?: string;
  /** Serve the Web UI (and its HTTP API) on this port. */
  uiPort?: number;
  dataConverter?: DataConverter;
  /** The address the worker's e-mails link to, read when the harness starts; PUBLIC_URL by default. */
  publicUrl?: () => string;
}

/** The Temporal CLI dev server with the product's search attributes. */
export async function startDevServer({ extraArgs = [], dbFilename, uiPort, dataConverter = testDataConverter() }: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  return retryStartup(() => TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs: [...extraArgs, ...(dbFilename ? ['--sqlite-pragma', 'journal_mode=wal'] : [])],
      ...(dbFilename ? { dbFilename } : {}),
      ...(uiPort ? { ui: true, uiPort } : {}),
    },
    client: { dataConverter },
  }));
}

export async function startHarness(env: TestWorkflowEnvironment, dataConverter: DataConverter = testDataConverter(), dialect: DialectName = 'sqlite', publicUrl: string = PUBLIC_URL): Promise<Harness> {
  const smtp = await TestSmtpServer.start();
  const database = await freshDatabase(dialect);
  const db = database.db;
  const store = new DossierStore(db);
  const retention = new RetentionStore(db);
  const conventions = new ConventionStore(db);
  const registry = CpasRegistry.fromFile(path.resolve(__dirname, '../../config/cpas.json')).suivreConventions(conventions);
  const taskQueue = `parcours-test-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    config: { temporalNamespace: env.namespace ?? 'default', taskQueue, smtpHost: '127.0.0.1', smtpPort: smtp.port, mailFrom: 'Parcours <parcours@forem.invalid>', serviceControleEmail: SERVICE_CONTROLE_EMAIL, publicUrl },
    store,
    registry,
    conventions,
    retention,
    client: env.client,
    dataConverter,
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  return {
    env,
    smtp,
    db,
    dialect,
    databaseUrl: database.url,
    store,
    registry,
    conventions,
    retention,
    dataConverter,
    taskQueue,
    worker,
    running,
    async stop() {
      worker.shutdown();
      await running;
      await smtp.stop();
      await database.drop();
    },
  };
}

/**
 * Registers beforeAll/afterAll for a test file that needs a Temporal server (from `start`), a
 * worker, SMTP and a database; returns a getter for the harness.
 */
export function useHarness(start: () => Promise<TestWorkflowEnvironment>, dataConverter?: DataConverter, dialect: DialectName = 'sqlite', publicUrl?: () => string): () => Harness {
  let env: TestWorkflowEnvironment | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    env = await start();
    h = await startHarness(env, dataConverter, dialect, publicUrl?.());
  });
  afterAll(async () => {
    await h?.stop();
    await env?.teardown();
  });
  return () => {
    if (!h) throw new Error('the harness is not started');
    return h;
  };
}

export const useTimeSkippingHarness = (dialect: DialectName = 'sqlite') => useHarness(() => startTimeSkipping(), undefined, dialect);
export const useDevServerHarness = (options: DevServerOptions = {}) => useHarness(() => startDevServer(options), options.dataConverter, options.dialect, options.publicUrl);
