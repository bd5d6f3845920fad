/**
 * The HTTP API of Parcours (`/v1`): authentication, validation, idempotency, the access journal,
 * logging and error answers around the operations of `operations.ts`. No input produces a 500:
 * unexpected failures of Temporal or the database are answered 503, everything else 4xx with the
 * field and reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { AccessJournal } from '../lib/access-journal';
import { ping, type Db } from '../lib/db';
import type { CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import type { IdempotencyStore, StoredAnswer } from '../lib/idempotency-store';
import { authenticate, requireRole, type ApiKeys, type Caller } from './auth';
import { AuthThrottle, type ThrottleOptions } from './auth-throttle';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';
import type { ApiMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { eventIdOf, operations, type Operation, type OperationContext, type OperationDeps } from './operations';
import type { ParcoursGateway } from './parcours-gateway';
import { HttpProblem, problemBody, sendProblem, validationProblem } from './problem';
import { idempotencyKeySchema } from './schemas';
import { EmailDeliveryStore } from '../lib/email-delivery-store';
import { MonitoringStore } from '../lib/monitoring';
import { DemandesCpasStore } from '../lib/demandes-cpas';

export interface ApiDeps {
  gateway: ParcoursGateway;
  store: DossierStore;
  idempotency: IdempotencyStore;
  registry: CpasRegistry;
  conventions: OperationDeps['conventions'];
  keys: ApiKeys;
  db: Db;
  pseudonymSecret: string;
  logger?: Logger;
  today?: OperationDeps['today'];
  /** Defaults to the journal in `db`. */
  accessJournal?: AccessJournal;
  /** Defaults to the figures of the dossier in `db`. */
  monitoring?: MonitoringStore;
  /** Defaults to the portal's list of requests in `db`. */
  demandesCpas?: DemandesCpasStore;
  authThrottle?: ThrottleOptions;
  /** How long a request waits for a concurrent one with the same Idempotency-Key before 409. */
  duplicateWaitMs?: number;
  /** Request durations for Prometheus (api/metrics.ts). */
  metrics?: ApiMetrics;
  /** Express's `trust proxy` (PARCOURS_TRUST_PROXY): behind a gateway, whose X-Forwarded-For names the client. */
  trustProxy?: string;
  /** Routes served beside the API (the CPAS portal), given the operations and how to run them. */
  extend?: (app: express.Express, operations: { list: Operation[]; perform: (op: Operation, inv: Invocation) => ReturnType<typeof perform>; deps: HandlerDeps }) => void;
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

function fingerprintOf(method: string, requestPath: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${requestPath}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The operation being answered and what it concerns, for the access journal. */
    operation?: { id: string; readsPersonalData: boolean; concerns: OperationContext['concerns'] };
  }
}

export function createApp(deps: ApiDeps): express.Express {
  const logger = deps.logger ?? createLogger();
  const accessJournal = deps.accessJournal ?? new AccessJournal(deps.db);
  const ops = operations({ ...deps, accessJournal, monitoring: deps.monitoring ?? new MonitoringStore(deps.db), deliveries: new EmailDeliveryStore(deps.db), demandesCpas: deps.demandesCpas ?? new DemandesCpasStore(deps.db) });
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);

  app.use((req, res, next) => {
    req.requestId = newRequestId(req);
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path carries pseudonyms only; bodies are never logged.
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ reqId: req.requestId, caller: req.caller?.id, method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
      deps.metrics?.observe(req.operation?.id ?? 'autre', req.method, res.statusCode, ms / 1000);
    });
    next();
  });
  app.use(
    express.json({
      limit: '64kb',
      // Refused before parsing: a deeply nested body would overflow the stack of whatever walks it.
      verify: (_req, _res, buf) => {
        if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) throw Object.assign(new Error('JSON too deep'), { status: 400, type: 'entity.too.deep' });
      },
    }),
  );

  app.get('/v1/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/v1/ready', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await ping(deps.db);
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

  app.use(methodNotAllowed([...ops.map((o) => ({ path: o.path, method: o.method })), ...['/v1/health', '/v1/ready', '/v1/openapi.json'].map((p) => ({ path: p, method: 'get' }))]));
  const auth = authenticate(deps.keys, new AuthThrottle(deps.authThrottle));
  const context = { ...deps, accessJournal, logger };
  for (const op of ops) app[op.method](expressPath(op.path), auth, handler(op, context));
  deps.extend?.(app, { list: ops, perform: (op, inv) => perform(op, context, inv), deps: context });

  app.use((_req, _res, next) => next(new HttpProblem(404, 'Ressource inconnue')));
  app.use(async (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let problem: HttpProblem;
    const status = (err as { status?: number })?.status;
    if (err instanceof HttpProblem) problem = err;
    else if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const title =
        type === 'entity.parse.failed'
          ? 'Corps JSON illisible'
          : type === 'entity.too.large'
            ? 'Corps trop volumineux (64 ko au plus)'
            : type === 'entity.too.deep'
              ? `Corps JSON trop imbriqué (${MAX_JSON_DEPTH} niveaux au plus)`
              : 'Requête refusée';
      problem = new HttpProblem(status, title);
    } else {
      logger.error({ reqId: req.requestId, err: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }, 'unavailable');
      problem = new HttpProblem(503, 'Service momentanément indisponible', 'réessayez plus tard avec la même Idempotency-Key');
    }
    try {
      await journal(req, problem.status, accessJournal);
    } catch (journalError) {
      logger.error({ reqId: req.requestId, err: journalError instanceof Error ? journalError.message : 'unknown' }, 'access journal unavailable');
    }
    sendProblem(res, problem);
  });
  return app;
}

const expressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

/**
 * A method the document does not list for a path it has: 405 with the methods it has (RFC 9110
 * §15.5.6). A concrete path is matched before a template, as OpenAPI does
 * (`/v1/parcours/recherche` is not a `/v1/parcours/{parcoursId}`).
 */
function methodNotAllowed(routes: Array<{ path: string; method: string }>) {
  const byPath = new Map<string, string[]>();
  for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.method.toUpperCase()]);
  const matchers = [...byPath]
    .sort(([a], [b]) => Number(a.includes('{')) - Number(b.includes('{')))
    .map(([p, methods]) => ({
      regex: new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}/?$`),
      methods: methods.includes('GET') ? [...methods, 'HEAD'] : methods,
    }));
  return (req: Request, res: Response, next: NextFunction) => {
    const route = matchers.find((m) => m.regex.test(req.path));
    if (!route || route.methods.includes(req.method)) return next();
    const allow = route.methods.join(', ');
    res.setHeader('Allow', allow);
    next(new HttpProblem(405, 'Méthode non permise', `méthodes permises : ${allow}`));
  };
}

/**
 * Writes the access journal's entry of a request, before its answer leaves: every read of a
 * person's data, every request by a CPAS or an auditor (spec §10). Unauthenticated requests have
 * no caller to journal; their throttling is the guard.
 */
export async function journal(req: Request, status: number, accessJournal: AccessJournal): Promise<void> {
  const caller = req.caller;
  const op = req.operation;
  if (!caller || !op || (!op.readsPersonalData && caller.role.type === 'backoffice')) return;
  await accessJournal.record({
    at: new Date().toISOString(),
    requestId: req.requestId ?? '',
    caller: caller.id,
    role: caller.role.type === 'cpas' ? `cpas:${caller.role.cpas}` : caller.role.type,
    operation: op.id,
    ...op.concerns,
    status,
  });
}

export type HandlerDeps = ApiDeps & { accessJournal: AccessJournal; logger: Logger };

/** One request to an operation, whichever door it came in by: the API (JSON) or the portal (forms). */
export interface Invocation {
  req: Request;
  caller: Caller;
  /** Already parsed by the operation's schema. */
  body: unknown;
  query: unknown;
  params: Record<string, string>;
  /** For writes. */
  idempotencyKey: string;
  /** What a retry must repeat to be the same request (the body as sent); the parsed body by default. */
  sent?: unknown;
}

/**
 * Runs an operation as the API does: Idempotency-Key reserved before the work and its first
 * answer replayed, refusals kept as answers, the access journal written before the answer leaves.
 * The portal's forms go through here too, so a request filed there is the request of the API.
 */
export async function perform(op: Operation, deps: HandlerDeps, inv: Invocation): Promise<{ status: number; body: unknown; headers?: Record<string, string>; replayed?: boolean }> {
  const { req, caller, idempotencyKey: key } = inv;
  // Each operation journals what it concerns; a page that runs two does not mix them.
  req.operation = { id: op.operationId, readsPersonalData: !!op.readsPersonalData, concerns: {} };
  // The API checked it before parsing; a caller coming in by the portal is checked here.
  if (!op.roles.includes(caller.role.type)) throw new HttpProblem(403, 'Accès refusé', `réservé au rôle ${op.roles.join(' ou ')}`);
  if (op.write) {
    const replay = await reserve(deps, caller, key, fingerprintOf(req.method, req.path, 'sent' in inv ? inv.sent : inv.body));
    if (replay) {
      await journal(req, replay.status, deps.accessJournal);
      return { ...replay, replayed: true };
    }
  }
  let answer: { status: number; body: unknown; headers?: Record<string, string> };
  try {
    answer = await op.handle({ req, caller, body: inv.body, query: inv.query, params: inv.params, eventId: op.write ? eventIdOf(caller.id, key) : '', concerns: req.operation.concerns });
  } catch (err) {
    if (!op.write || !(err instanceof HttpProblem) || err.status === 400) {
      if (op.write) await deps.idempotency.abandon(caller.id, key);
      throw err;
    }
    // A refusal is an answer too: the same request with the same key gets it again.
    answer = { status: err.status, body: problemBody(err) };
  }
  if (answer.status < 300) {
    const conforms = op.answer.safeParse(answer.body);
    if (!conforms.success) deps.logger.error({ reqId: req.requestId, operation: op.operationId, issues: conforms.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'answer outside the contract');
  }
  if (op.write) await deps.idempotency.put(caller.id, key, answer);
  await journal(req, answer.status, deps.accessJournal);
  return answer;
}

function handler(op: Operation, deps: HandlerDeps) {
  return async (req: Request, res: Response) => {
    req.operation = { id: op.operationId, readsPersonalData: !!op.readsPersonalData, concerns: {} };
    const caller = requireRole(req, ...op.roles);
    let key = '';
    if (op.write) {
      const k = idempotencyKeySchema.safeParse(req.get('idempotency-key'));
      if (!k.success) throw new HttpProblem(400, 'Idempotency-Key requise', k.error.issues[0].message, [{ field: 'Idempotency-Key', reason: k.error.issues[0].message }]);
      key = k.data;
    }
    const body = parseWith(op.body, req.body);
    const query = parseWith(op.query, req.query);
    const answer = await perform(op, deps, { req, caller, body, sent: req.body, query, params: req.params as Record<string, string>, idempotencyKey: key });
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (op.produces && answer.status < 300) {
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.status(answer.status).type(op.produces.mediaType).send(answer.body);
      return;
    }
    send(res, answer.status, answer.body);
  };
}

function parseWith(schema: z.ZodType | undefined, input: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationProblem(parsed.error);
  return parsed.data;
}

const POLL_MS = 25;

/**
 * Reserves the Idempotency-Key before the work. Returns the answer to replay when the key was
 * already answered; waits while a concurrent request with the same key and body is answered; a
 * different request under the same key is 422, a duplicate still running after the wait 409.
 */
async function reserve(deps: HandlerDeps, caller: Caller, key: string, print: string): Promise<Omit<StoredAnswer, 'fingerprint'> | undefined> {
  const until = Date.now() + (deps.duplicateWaitMs ?? 10_000);
  for (;;) {
    const r = await deps.idempotency.reserve(caller.id, key, print);
    if (r.type === 'reserved') return undefined;
    const fingerprint = r.type === 'done' ? r.answer.fingerprint : r.fingerprint;
    if (fingerprint !== print) throw new HttpProblem(422, 'Idempotency-Key réutilisée', 'cette clé a déjà servi pour une autre requête');
    if (r.type === 'done') return r.answer;
    if (Date.now() >= until) throw new HttpProblem(409, 'Requête identique en cours', 'une requête avec la même Idempotency-Key est encore en cours ; réessayez avec la même clé', undefined, { 'Retry-After': '1' });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function send(res: Response, status: number, body: unknown): void {
  if (status >= 400) res.status(status).type('application/problem+json').send(JSON.stringify(body));
  else res.status(status).json(body);
}
