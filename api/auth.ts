/**
 * Bearer API keys, stored as SHA-256 hashes (keys are long random secrets, so a plain hash is
 * enough) and compared in constant time. Roles (convention art. 7, GDPR): `backoffice` records
 * facts and reads all; `cpas:<enterprise number>` files requests for its own CPAS and reads the
 * people it follows, and of those it referred what concerns its request (domain/parcours/access.ts);
 * `auditor` reads and exports histories and the access journal; `operator` runs the platform and
 * reads decoded payloads through the codec server only (codec-server/), no API operation.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { isValidEnterpriseNumber } from '../domain/identifiers';
import type { AuthThrottle } from './auth-throttle';
import { HttpProblem } from './problem';

export type Role = { type: 'backoffice' } | { type: 'auditor' } | { type: 'operator' } | { type: 'cpas'; cpas: string };

export interface Caller {
  id: string;
  role: Role;
}

const keyFileSchema = z.object({
  _: z.string().optional(),
  keys: z.array(
    z.object({
      id: z.string().min(1),
      role: z.string().refine((r) => r === 'backoffice' || r === 'auditor' || r === 'operator' || (r.startsWith('cpas:') && isValidEnterpriseNumber(r.slice(5))), 'role: backoffice, auditor, operator or cpas:<enterprise number>'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function parseRole(role: string): Role {
  if (role === 'backoffice' || role === 'auditor' || role === 'operator') return { type: role };
  return { type: 'cpas', cpas: role.slice(5) };
}

export class ApiKeys {
  private readonly entries: Array<{ id: string; role: Role; hash: Buffer }>;

  constructor(keys: Array<{ id: string; role: string; sha256: string }>) {
    this.entries = keys.map((k) => ({ id: k.id, role: parseRole(k.role), hash: Buffer.from(k.sha256, 'hex') }));
  }

  static fromFile(file: string): ApiKeys {
    const parsed = keyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`API key file ${file} is invalid: ${z.prettifyError(parsed.error)}`);
    return new ApiKeys(parsed.data.keys);
  }

  /** The SHA-256 of every key, to tell development keys from production ones. */
  hashes(): string[] {
    return this.entries.map((e) => e.hash.toString('hex'));
  }

  /** The caller a key belongs to; every entry is compared, so timing says nothing about which. */
  identify(key: string): Caller | undefined {
    const presented = Buffer.from(hashKey(key), 'hex');
    let found: Caller | undefined;
    for (const e of this.entries) if (timingSafeEqual(presented, e.hash) && !found) found = { id: e.id, role: e.role };
    return found;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
    requestId?: string;
  }
}

export function authenticate(keys: ApiKeys, throttle: AuthThrottle) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header === undefined) return next(new HttpProblem(401, 'Authentification requise', 'en-tête Authorization: Bearer <clé> attendu'));
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.retryAfter(address);
    if (wait > 0) return next(new HttpProblem(429, 'Trop d’échecs d’authentification', `réessayez dans ${wait} s`, undefined, { 'Retry-After': String(wait) }));
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = m ? keys.identify(m[1]) : undefined;
    if (!caller) {
      throttle.failed(address);
      return next(new HttpProblem(401, m ? 'Clé d’API inconnue' : 'Authentification requise', m ? undefined : 'en-tête Authorization: Bearer <clé> attendu'));
    }
    req.caller = caller;
    next();
  };
}

export type RoleName = Role['type'];

export function callerOf(req: Request): Caller {
  if (!req.caller) throw new HttpProblem(401, 'Authentification requise');
  return req.caller;
}

export function requireRole(req: Request, ...roles: RoleName[]): Caller {
  const caller = callerOf(req);
  if (!roles.includes(caller.role.type)) throw new HttpProblem(403, 'Accès refusé', `réservé au rôle ${roles.join(' ou ')}`);
  return caller;
}
