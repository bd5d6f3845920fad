/** The real API wired to a real Temporal server, worker, SMTP server and database. */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp, createLogger, type ApiDeps } from '../../api/app';
import { AccessJournal } from '../../lib/access-journal';
import { ApiKeys } from '../../api/auth';
import { ParcoursGateway } from '../../api/parcours-gateway';
import { IdempotencyStore } from '../../lib/idempotency-store';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { useDevServerHarness, type Harness } from './harness';
import { ConventionGateway } from '../../api/convention-gateway';
import type { DialectName } from '../../lib/db';

export const KEYS = {
  backoffice: 'dev-backoffice-key',
  auditor: 'dev-auditor-key',
  cpasLiege: 'dev-cpas-liege-key',
  cpasNamur: 'dev-cpas-namur-key',
  cpasCharleroi: 'dev-cpas-charleroi-key',
  operator: 'dev-operator-key',
} as const;

export const SECRET = 'api-test-secret';

/** `rectificationMois`: how far back facts may be dated in the parcours it opens (PARCOURS_RECTIFICATION_MOIS). */
export function apiFor(h: Harness, today?: () => string, logger = createLogger('silent'), options: Pick<ApiDeps, 'authThrottle' | 'duplicateWaitMs' | 'trustProxy'> & { rectificationMois?: number } = {}) {
  const { rectificationMois, ...apiOptions } = options;
  const idempotency = new IdempotencyStore(h.db);
  const accessJournal = new AccessJournal(h.db);
  const app = createApp({
    ...apiOptions,
    accessJournal,
    gateway: new ParcoursGateway(h.env.client, h.taskQueue, rectificationMois),
    store: h.store,
    idempotency,
    registry: h.registry,
    conventions: { gateway: new ConventionGateway(h.env.client, h.taskQueue, h.conventions), store: h.conventions },
    keys: ApiKeys.fromFile(path.resolve(__dirname, '../../config/api-keys.dev.json')),
    db: h.db,
    pseudonymSecret: SECRET,
    logger,
    ...(today ? { today } : {}),
  });
  /** POSTs `body` as JSON (a string is sent as it is, to test unreadable bodies). */
  const post = (url: string, key: string, body: unknown, idempotencyKey: string | null = `k-${randomUUID()}`) => {
    const r = request(app)
      .post(url)
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    return idempotencyKey === null ? r : r.set('Idempotency-Key', idempotencyKey);
  };
  const get = (url: string, key: string) => request(app).get(url).set('Authorization', `Bearer ${key}`);
  return { app, idempotency, accessJournal, post, get };
}

/** For a test file of the API: a dev server, worker, SMTP, database (SQLite by default) and the app, set up once. */
export function useDevServerApi(dialect: DialectName = 'sqlite'): { h: Harness; env: TestWorkflowEnvironment; api: ReturnType<typeof apiFor> } {
  const harness = useDevServerHarness({ dialect });
  const ctx = {} as { h: Harness; env: TestWorkflowEnvironment; api: ReturnType<typeof apiFor> };
  beforeAll(() => {
    ctx.h = harness();
    ctx.env = ctx.h.env;
    ctx.api = apiFor(ctx.h);
  });
  return ctx;
}
