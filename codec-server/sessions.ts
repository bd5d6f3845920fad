/**
 * Browser sessions of the codec server. The Temporal UI calls the codec server from the
 * operator's browser and can send only cookies (its "include cross-origin credentials"): the
 * operator presents an API key once on the codec server's page and gets an opaque session cookie,
 * HttpOnly and SameSite=Strict. Sessions live in memory: a restart signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '../api/auth';

export const SESSION_COOKIE = 'parcours_codec';
/** A working day. */
export const SESSION_TTL_MS = 8 * 3_600_000;

export class Sessions {
  private readonly byToken = new Map<string, { caller: Caller; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  open(caller: Caller): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, { caller, expires: this.now() + SESSION_TTL_MS });
    return token;
  }

  caller(token: string | undefined): Caller | undefined {
    if (!token) return undefined;
    const s = this.byToken.get(token);
    if (!s) return undefined;
    if (s.expires <= this.now()) {
      this.byToken.delete(token);
      return undefined;
    }
    return s.caller;
  }

  close(token: string | undefined): void {
    if (token) this.byToken.delete(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, s] of this.byToken) if (s.expires <= now) this.byToken.delete(token);
  }
}

/** The value of one cookie in a `Cookie` header. */
export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Scoped to the codec server's path: behind a gateway it shares a host with the UI. */
export function sessionCookie(token: string, secure: boolean, path = '/'): string {
  return `${SESSION_COOKIE}=${token}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean, path = '/'): string {
  return `${SESSION_COOKIE}=; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
