/**
 * CSRF protection of every form that changes something (OWASP « signed double-submit cookie »):
 * the token is drawn at sign-in and kept inside the encrypted session cookie, which another site
 * can neither read nor forge; each form carries it in a hidden `_csrf` field; a POST whose field
 * does not equal the session's token is refused (403). SameSite=Lax is a second line, not the only one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { PortalUser } from './session';

export const CSRF_FIELD = '_csrf';

export function csrfValid(user: PortalUser, body: unknown): boolean {
  const sent = (body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(user.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
