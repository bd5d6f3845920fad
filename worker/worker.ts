/**
 * Builds the Parcours worker: activities wired to the database, SMTP and the CPAS registry; every
 * payload through the encrypting data converter (lib/codec). Tests pass a prebuilt workflow
 * bundle (bundled once per run, with the same failure converter); production bundles at start.
 */
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities';
import type { Config } from '../lib/config';
import type { ConventionStore } from '../lib/convention-store';
import type { CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import type { RetentionStore } from '../lib/retention/store';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<Config, 'temporalNamespace' | 'taskQueue' | 'smtpHost' | 'smtpPort' | 'mailFrom' | 'serviceControleEmail' | 'publicUrl'> & Partial<Pick<Config, 'maxCachedWorkflows'>>;
  store: DossierStore;
  registry: CpasRegistry;
  /** The conventions' journal (lib/convention-store.ts). */
  conventions: ConventionStore;
  /** The retention's view of the database, and a client to delete the histories it purges. */
  retention: RetentionStore;
  client: Client;
  /** lib/codec/data-converter.ts: the same for the worker, its clients and the replays. */
  dataConverter: DataConverter;
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createSmtpTransport(host: string, port: number) {
  // The mail catcher (dev) and the relay (production) are on a trusted network; no auth here.
  return nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true, connectionTimeout: 10_000, greetingTimeout: 10_000 });
}

export async function createWorker({ connection, config, store, registry, conventions, retention, client, dataConverter, workflowBundle }: WorkerDeps): Promise<Worker> {
  const transport = createSmtpTransport(config.smtpHost, config.smtpPort);
  return Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataConverter,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ store, registry, conventions, transport, from: config.mailFrom, serviceControle: config.serviceControleEmail, publicUrl: config.publicUrl, retention, client, namespace: config.temporalNamespace }),
    // Bounds the worker's memory: docs/benchmarks.md, « Scale ».
    ...(config.maxCachedWorkflows ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}),
  });
}
