/**
 * A Parcours worker against a real Temporal server (time-skipping or dev), a real SMTP server
 * and a real SQLite database, as each workflow or end-to-end test needs them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { CpasRegistry } from '../../lib/cpas-registry';
import { openDatabase, type Db } from '../../lib/database';
import { DossierStore } from '../../lib/dossier-store';
import { createWorker } from '../../worker/worker';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { TestSmtpServer } from './smtp';
import { temporalCliPath, testServerPath, workflowBundle } from './tools';

// Worker lifecycle chatter hides test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

export const SERVICE_CONTROLE_EMAIL = 'controle@forem.test';

export interface Harness {
  env: TestWorkflowEnvironment;
  smtp: TestSmtpServer;
  db: Db;
  store: DossierStore;
  registry: CpasRegistry;
  taskQueue: string;
  worker: Worker;
  running: Promise<void>;
  stop(): Promise<void>;
}

export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  return retryStartup(() => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } }));
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

/** The Temporal CLI dev server with the product's search attributes; `extraArgs` e.g. dynamic config. */
export async function startDevServer(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  return retryStartup(() => TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs,
    },
  }));
}

export async function startHarness(env: TestWorkflowEnvironment): Promise<Harness> {
  const smtp = await TestSmtpServer.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-test-'));
  const db = openDatabase(path.join(dir, 'parcours.db'));
  const store = new DossierStore(db);
  const registry = CpasRegistry.fromFile(path.resolve(__dirname, '../../config/cpas.json'));
  const taskQueue = `parcours-test-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    config: { temporalNamespace: env.namespace ?? 'default', taskQueue, smtpHost: '127.0.0.1', smtpPort: smtp.port, mailFrom: 'Parcours <parcours@forem.invalid>', serviceControleEmail: SERVICE_CONTROLE_EMAIL },
    store,
    registry,
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  return {
    env,
    smtp,
    db,
    store,
    registry,
    taskQueue,
    worker,
    running,
    async stop() {
      worker.shutdown();
      await running;
      await smtp.stop();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers beforeAll/afterAll for a test file that needs a Temporal server (from `start`), a
 * worker, SMTP and a database; returns a getter for the harness.
 */
export function useHarness(start: () => Promise<TestWorkflowEnvironment>): () => Harness {
  let env: TestWorkflowEnvironment | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    env = await start();
    h = await startHarness(env);
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

export const useTimeSkippingHarness = () => useHarness(startTimeSkipping);
export const useDevServerHarness = (extraArgs: string[] = []) => useHarness(() => startDevServer(extraArgs));
