/**
 * The HTTP API of Parcours (`/v1`): authentication, validation, idempotency, logging and error
 * answers around the operations of `operations.ts`. No input produces a 500: unexpected failures
 * of Temporal or the database are answered 503, everything else 4xx with the field and reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import pino, { type Logger } from 'pino';
import type { Db } from '../lib/database';
import type { CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import type { IdempotencyStore } from '../lib/idempotency-store';
import { authenticate, requireRole, type ApiKeys } from './auth';
import { openApiDocument } from './openapi';
import { eventIdOf, operations, type Operation, type OperationDeps } from './operations';
import type { ParcoursGateway } from './parcours-gateway';
import { HttpProblem, sendProblem, validationProblem } from './problem';
import { idempotencyKeySchema } from './schemas';

export interface ApiDeps {
  gateway: ParcoursGateway;
  store: DossierStore;
  idempotency: IdempotencyStore;
  registry: CpasRegistry;
  keys: ApiKeys;
  db: Db;
  pseudonymSecret: string;
  logger?: Logger;
  today?: OperationDeps['today'];
}

/** National numbers are never logged, whatever a future log line carries. */
export const LOG_REDACT = ['niss', '*.niss', 'body.niss', 'req.body.niss', 'req.headers.authorization'];

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: LOG_REDACT, censor: '[caché]' } };
  return destination ? pino(options, destination) : pino(options);
}

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Parcours — API</title>
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui' });</script></body></html>`;

/** The caller's X-Request-Id when it is sane, else a new one. */
function newRequestId(req: Request): string {
  const given = req.get('x-request-id');
  return given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}

function fingerprint(req: Request): string {
  return createHash('sha256').update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
}

export function createApp(deps: ApiDeps): express.Express {
  const logger = deps.logger ?? createLogger();
  const ops = operations(deps);
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    req.requestId = newRequestId(req);
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path carries pseudonyms only; bodies are never logged.
      logger.info({ reqId: req.requestId, caller: req.caller?.id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    next();
  });
  app.use(express.json({ limit: '64kb' }));

  app.get('/v1/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/v1/ready', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      deps.db.prepare('SELECT 1').get();
      checks.database = 'ok';
    } catch (err) {
      checks.database = err instanceof Error ? err.message : 'indisponible';
    }
    try {
      await deps.gateway.ready();
      checks.temporal = 'ok';
    } catch (err) {
      checks.temporal = err instanceof Error ? err.message : 'indisponible';
    }
    const ok = Object.values(checks).every((c) => c === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', checks });
  });
  const document = openApiDocument(ops);
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/v1/docs/assets', express.static(SWAGGER_DIR, { index: false }));
  app.get('/v1/docs', (_req, res) => {
    res.type('html').send(SWAGGER_PAGE);
  });

  const auth = authenticate(deps.keys);
  for (const op of ops) app[op.method](op.path.replace(/\{(\w+)\}/g, ':$1'), auth, handler(op, deps));

  app.use((_req, _res, next) => next(new HttpProblem(404, 'Ressource inconnue')));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) return sendProblem(res, err);
    const status = (err as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const title = type === 'entity.parse.failed' ? 'Corps JSON illisible' : type === 'entity.too.large' ? 'Corps trop volumineux (64 ko au plus)' : 'Requête refusée';
      return sendProblem(res, new HttpProblem(status, title));
    }
    logger.error({ reqId: req.requestId, err: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }, 'unavailable');
    sendProblem(res, new HttpProblem(503, 'Service momentanément indisponible', 'réessayez plus tard avec la même Idempotency-Key'));
  });
  return app;
}

function handler(op: Operation, deps: ApiDeps) {
  return async (req: Request, res: Response) => {
    const caller = requireRole(req, ...op.roles);
    let key = '';
    const print = op.write ? fingerprint(req) : '';
    if (op.write) {
      const k = idempotencyKeySchema.safeParse(req.get('idempotency-key'));
      if (!k.success) throw new HttpProblem(400, 'Idempotency-Key requise', k.error.issues[0].message, [{ field: 'Idempotency-Key', reason: k.error.issues[0].message }]);
      key = k.data;
      const stored = deps.idempotency.get(caller.id, key);
      if (stored) {
        if (stored.fingerprint !== print) throw new HttpProblem(422, 'Idempotency-Key réutilisée', 'cette clé a déjà servi pour une autre requête');
        res.setHeader('Idempotent-Replayed', 'true');
        return send(res, stored.status, stored.body);
      }
    }
    let body: unknown;
    if (op.body) {
      const parsed = op.body.safeParse(req.body);
      if (!parsed.success) throw validationProblem(parsed.error);
      body = parsed.data;
    }
    let answer: { status: number; body: unknown };
    try {
      answer = await op.handle({ req, caller, body, params: req.params as Record<string, string>, eventId: op.write ? eventIdOf(caller.id, key) : '' });
    } catch (err) {
      if (!(err instanceof HttpProblem) || !op.write || err.status === 400) throw err;
      // A refusal is an answer too: the same request with the same key gets it again.
      answer = { status: err.status, body: { type: 'about:blank', title: err.title, status: err.status, ...(err.detail ? { detail: err.detail } : {}), ...(err.errors ? { errors: err.errors } : {}) } };
    }
    if (op.write) deps.idempotency.put(caller.id, key, { fingerprint: print, status: answer.status, body: answer.body });
    send(res, answer.status, answer.body);
  };
}

function send(res: Response, status: number, body: unknown): void {
  if (status >= 400) res.status(status).type('application/problem+json').send(JSON.stringify(body));
  else res.status(status).json(body);
}
