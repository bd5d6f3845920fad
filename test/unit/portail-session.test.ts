/**
 * The portal's session (issue 15 point 1): an encrypted cookie any API replica holding the secret
 * reads — HttpOnly, SameSite=Lax, scoped to /portail, Secure in production — that ends at its
 * expiry, and that is no session once altered or sealed under another secret.
 */
import type { Request, Response } from 'express';
import { Sessions } from '../../portal/session';

interface Cookie {
  name: string;
  value: string;
  options: Record<string, unknown>;
}

/** What express's res.cookie() was asked to set. */
function response(): { res: Response; cookies: Cookie[] } {
  const cookies: Cookie[] = [];
  const res = { cookie: (name: string, value: string, options: Record<string, unknown>) => cookies.push({ name, value, options }), clearCookie: () => undefined } as unknown as Response;
  return { res, cookies };
}
const request = (value: string) => ({ cookies: { 'parcours-portail': value } }) as unknown as Request;
const USER = { sub: 'insertion@cpas-liege.example', nom: 'Service insertion', cpas: '0207123407' };

describe('the portal session', () => {
  afterEach(() => jest.useRealTimers());

  async function signedIn(sessions: Sessions) {
    const { res, cookies } = response();
    await sessions.signIn(res, USER);
    expect(cookies).toHaveLength(1);
    return cookies[0];
  }

  it('is an HttpOnly, SameSite=Lax cookie on /portail, Secure in production, that another replica with the secret reads', async () => {
    const cookie = await signedIn(new Sessions({ secret: 'un secret partagé par les répliques', hours: 8, secure: true }));
    expect(cookie).toMatchObject({ name: 'parcours-portail', options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/portail', maxAge: 8 * 3600 * 1000 } });
    expect(cookie.value).not.toContain('cpas-liege'); // encrypted, not merely signed
    const autreReplique = new Sessions({ secret: 'un secret partagé par les répliques', hours: 8, secure: true });
    expect(await autreReplique.user(request(cookie.value))).toMatchObject({ ...USER, csrf: expect.any(String) });
  });

  it('ends at its expiry: eight hours after sign-in it is no session', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-24T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const sessions = new Sessions({ secret: 's', hours: 8, secure: false });
    const cookie = await signedIn(sessions);
    jest.setSystemTime(Date.parse('2026-11-24T15:59:00Z'));
    expect(await sessions.user(request(cookie.value))).toBeDefined();
    jest.setSystemTime(Date.parse('2026-11-24T16:00:01Z'));
    expect(await sessions.user(request(cookie.value))).toBeUndefined();
  });

  it('is no session once altered, or under another secret', async () => {
    const sessions = new Sessions({ secret: 's', hours: 8, secure: false });
    const { value } = await signedIn(sessions);
    const parts = value.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1); // the ciphertext
    expect(await sessions.user(request(parts.join('.')))).toBeUndefined();
    expect(await new Sessions({ secret: 'autre', hours: 8, secure: false }).user(request(value))).toBeUndefined();
  });
});
