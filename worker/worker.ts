/**
 * Builds the Parcours worker: activities wired to the database, SMTP and the CPAS registry.
 * Tests pass a prebuilt workflow bundle (bundled once per run); production bundles at start.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities';
import type { Config } from '../lib/config';
import type { CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<Config, 'temporalNamespace' | 'taskQueue' | 'smtpHost' | 'smtpPort' | 'mailFrom' | 'serviceControleEmail'> & Partial<Pick<Config, 'maxCachedWorkflows'>>;
  store: DossierStore;
  registry: CpasRegistry;
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createSmtpTransport(host: string, port: number) {
  // The mail catcher (dev) and the relay (production) are on a trusted network; no auth here.
  return nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true, connectionTimeout: 10_000, greetingTimeout: 10_000 });
}

export async function createWorker({ connection, config, store, registry, workflowBundle }: WorkerDeps): Promise<Worker> {
  const transport = createSmtpTransport(config.smtpHost, config.smtpPort);
  return Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ store, registry, transport, from: config.mailFrom, serviceControle: config.serviceControleEmail }),
    // Bounds the worker's memory: docs/benchmarks.md, « Scale ».
    ...(config.maxCachedWorkflows ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}),
  });
}
