/**
 * The codec server (docs/privacy.md): `/decode` and `/encode` as the Temporal UI and CLI call
 * them, so that an operator or an auditor reads a parcours' payloads in clear in the UI — and
 * only through this server. Unlike the Temporal sample it is not open:
 *
 * - every call is authenticated with the API's keys (api/auth.ts): `operator` and `auditor` only,
 *   401 without a known key, 403 for any other role; a browser presents its key once on this
 *   server's page and then carries a session cookie (sessions.ts);
 * - a browser may call it only from the Temporal UI's origins (CORS); any other origin is refused,
 *   preflight or not;
 * - each call is logged with the caller and the number of payloads, never their content, and
 *   answers are never cached.
 *
 * Routes match on the last path segment (the codec-server protocol), so the server also answers
 * under a prefix such as `/codec/` behind the operators' gateway.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { ApiKeys, Caller, RoleName } from '../api/auth';
import { HttpProblem, sendProblem, validationProblem } from '../api/problem';
import { payloadFromJson, payloadsBodySchema, payloadToJson } from '../lib/codec/payloads-json';
import { loginPage } from './login-page';
import { clearedSessionCookie, cookie, SESSION_COOKIE, sessionCookie, Sessions } from './sessions';

export const CODEC_ROLES: readonly RoleName[] = ['operator', 'auditor'];

export interface CodecServerDeps {
  codec: PayloadCodec;
  keys: ApiKeys;
  /** The Temporal UI's origins (PARCOURS_CODEC_CORS_ORIGINS). */
  corsOrigins: string[];
  /** The one namespace whose payloads this keyring encrypts. */
  namespace: string;
  logger: Logger;
  sessions?: Sessions;
}

declare module 'express-serve-static-core' {
  interface Request {
    codecCaller?: Caller;
    payloadCount?: number;
  }
}

/** Cookies marked Secure when the UI is served over HTTPS (production). */
const secureFor = (origins: string[]) => origins.length > 0 && origins.every((o) => o.startsWith('https://'));

/** The directory the request's last segment sits in: the session cookie is scoped to it. */
const basePath = (req: Request) => req.path.slice(0, req.path.lastIndexOf('/') + 1) || '/';

export function createCodecServer({ codec, keys, corsOrigins, namespace, logger, sessions = new Sessions() }: CodecServerDeps): express.Express {
  const allowed = new Set(corsOrigins);
  const secure = secureFor(corsOrigins);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind the operators' gateway (a private address), the scheme and host the browser used.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  app.use((req, res, next) => {
    const reqId = randomUUID();
    res.setHeader('X-Request-Id', reqId);
    res.on('finish', () => {
      logger.info({ reqId, caller: req.codecCaller?.id, method: req.method, path: req.path, status: res.statusCode, origin: req.get('origin'), payloads: req.payloadCount }, 'codec');
    });
    next();
  });

  // CORS: the UI's origins and nothing else. A request with another Origin is refused before it
  // reaches a route, so that a page of another site (or another port of this one) can neither
  // read an answer nor make a signed-in browser decode for it.
  app.use((req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined) return next();
    if (!allowed.has(origin)) {
      if (isOwnPage(req, origin)) return next();
      return next(new HttpProblem(403, 'Origine refusée', `le serveur de codec ne répond qu’à l’interface Temporal (${corsOrigins.join(', ')})`));
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization, Authorization-Extras');
      res.setHeader('Access-Control-Max-Age', '600');
      return res.status(204).end();
    }
    next();
  });

  app.use(express.json({ limit: '8mb' }));
  app.use(express.urlencoded({ extended: false, limit: '4kb' }));
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const identify = (req: Request): Caller => {
    const header = req.get('authorization');
    let caller: Caller | undefined;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new HttpProblem(401, 'Authentification requise', 'en-tête Authorization: Bearer <clé> attendu');
      caller = keys.identify(m[1]);
      if (!caller) throw new HttpProblem(401, 'Clé d’API inconnue');
    } else {
      caller = sessions.caller(cookie(req.get('cookie'), SESSION_COOKIE));
      if (!caller) throw new HttpProblem(401, 'Authentification requise', 'clé d’API (Authorization: Bearer) ou session ouverte sur la page du serveur de codec');
    }
    req.codecCaller = caller;
    if (!CODEC_ROLES.includes(caller.role.type)) throw new HttpProblem(403, 'Accès refusé', `réservé au rôle ${CODEC_ROLES.join(' ou ')}`);
    return caller;
  };

  const codecRoute = (operation: 'encode' | 'decode') => async (req: Request, res: Response) => {
    identify(req);
    // The Temporal CLI sends the header empty.
    const ns = req.get('x-namespace');
    if (ns && ns !== namespace) throw new HttpProblem(403, 'Namespace refusé', `ce serveur de codec sert le namespace ${namespace}`);
    const parsed = payloadsBodySchema.safeParse(req.body);
    if (!parsed.success) throw validationProblem(parsed.error);
    req.payloadCount = parsed.data.payloads.length;
    const input = parsed.data.payloads.map(payloadFromJson);
    let output;
    try {
      output = operation === 'decode' ? await codec.decode(input) : await codec.encode(input);
    } catch (err) {
      throw new HttpProblem(422, operation === 'decode' ? 'Payload indéchiffrable' : 'Payload non chiffrable', err instanceof Error ? err.message : String(err));
    }
    res.json({ payloads: output.map(payloadToJson) });
  };

  app.post(/\/decode$/, codecRoute('decode'));
  app.post(/\/encode$/, codecRoute('encode'));
  app.get(/\/health$/, (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post(/\/session$/, (req, res) => {
    const key = typeof req.body?.cle === 'string' ? req.body.cle.trim() : '';
    if (!key) throw new HttpProblem(401, 'Authentification requise', 'champ cle : la clé d’API d’un opérateur ou d’un auditeur');
    const caller = keys.identify(key);
    if (!caller) throw new HttpProblem(401, 'Clé d’API inconnue');
    req.codecCaller = caller;
    if (!CODEC_ROLES.includes(caller.role.type)) throw new HttpProblem(403, 'Accès refusé', `réservé au rôle ${CODEC_ROLES.join(' ou ')}`);
    res.setHeader('Set-Cookie', sessionCookie(sessions.open(caller), secure, basePath(req)));
    if (req.is('application/json')) return res.status(204).end();
    res.redirect(303, basePath(req));
  });
  app.post(/\/deconnexion$/, (req, res) => {
    sessions.close(cookie(req.get('cookie'), SESSION_COOKIE));
    res.setHeader('Set-Cookie', clearedSessionCookie(secure, basePath(req)));
    res.redirect(303, basePath(req));
  });
  app.get(/\/$/, (req, res) => {
    const caller = sessions.caller(cookie(req.get('cookie'), SESSION_COOKIE));
    res.type('html').send(loginPage({ caller, uiOrigins: corsOrigins, endpoint: `${req.protocol}://${req.get('host')}${basePath(req).replace(/\/$/, '')}` }));
  });

  app.use((_req, _res, next) => next(new HttpProblem(404, 'Ressource inconnue')));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) return sendProblem(res, err);
    const status = (err as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      return sendProblem(res, new HttpProblem(status, type === 'entity.parse.failed' ? 'Corps JSON illisible' : type === 'entity.too.large' ? 'Corps trop volumineux' : 'Requête refusée'));
    }
    logger.error({ path: req.path, err: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }, 'codec server error');
    sendProblem(res, new HttpProblem(503, 'Service momentanément indisponible'));
  });
  return app;
}

/** The server's own page posting its sign-in form: an Origin equal to the server's own. */
function isOwnPage(req: Request, origin: string): boolean {
  return req.method === 'POST' && /\/(session|deconnexion)$/.test(req.path) && origin === `${req.protocol}://${req.get('host')}`;
}
