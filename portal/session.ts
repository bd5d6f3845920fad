/**
 * The portal's session: an encrypted cookie (JWE, `dir` + A256GCM — authenticated encryption, so
 * it is both unreadable and unforgeable), not server memory, so that any API replica sharing
 * PARCOURS_SESSION_SECRET reads it. HttpOnly, SameSite=Lax (the identity provider's redirect back
 * is a top-level GET, which Lax lets through), Secure in production, and an expiry both in the
 * cookie and inside the token (a replayed old cookie is refused).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { EncryptJWT, jwtDecrypt } from 'jose';

export interface PortalUser {
  /** The subject at the identity provider. */
  sub: string;
  nom: string;
  email?: string;
  /** The CPAS's enterprise number, from the provider's claim: the `cpas:<number>` role. */
  cpas: string;
  /** The double-submit token every form carries (portal/csrf.ts). */
  csrf: string;
  /** For RP-initiated logout. */
  idToken?: string;
}

/** What the sign-in needs between the redirect to the provider and its answer. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SessionOptions {
  secret: string;
  hours: number;
  secure: boolean;
}

const SESSION = 'parcours-portail';
const TRANSACTION = 'parcours-portail-connexion';
const TRANSACTION_SECONDS = 600;

export class Sessions {
  private readonly key: Uint8Array;

  constructor(private readonly options: SessionOptions) {
    // The secret may be any length: its SHA-256 is the 256-bit content-encryption key.
    this.key = new Uint8Array(createHash('sha256').update(`parcours-portail-session\n${options.secret}`).digest());
  }

  private cookie(maxAgeSeconds: number): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.options.secure, path: '/portail', maxAge: maxAgeSeconds * 1000 };
  }

  private async seal(payload: Record<string, unknown>, seconds: number, purpose: string): Promise<string> {
    return new EncryptJWT({ ...payload, purpose }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${seconds}s`).encrypt(this.key);
  }

  private async open(token: string | undefined, purpose: string): Promise<Record<string, unknown> | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtDecrypt(token, this.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return payload.purpose === purpose ? payload : undefined;
    } catch {
      // Expired, tampered with, or sealed under another secret: no session.
      return undefined;
    }
  }

  async user(req: Request): Promise<PortalUser | undefined> {
    const p = await this.open((req.cookies as Record<string, string> | undefined)?.[SESSION], 'session');
    if (!p || typeof p.sub !== 'string' || typeof p.cpas !== 'string' || typeof p.csrf !== 'string' || typeof p.nom !== 'string') return undefined;
    return { sub: p.sub, nom: p.nom, cpas: p.cpas, csrf: p.csrf, ...(typeof p.email === 'string' ? { email: p.email } : {}), ...(typeof p.idToken === 'string' ? { idToken: p.idToken } : {}) };
  }

  async signIn(res: Response, user: Omit<PortalUser, 'csrf'>): Promise<void> {
    const seconds = this.options.hours * 3600;
    const full: PortalUser = { ...user, csrf: randomBytes(32).toString('base64url') };
    res.cookie(SESSION, await this.seal({ ...full }, seconds, 'session'), this.cookie(seconds));
  }

  signOut(res: Response): void {
    res.clearCookie(SESSION, { ...this.cookie(0), maxAge: undefined });
  }

  async beginLogin(res: Response, t: LoginTransaction): Promise<void> {
    res.cookie(TRANSACTION, await this.seal({ ...t }, TRANSACTION_SECONDS, 'connexion'), this.cookie(TRANSACTION_SECONDS));
  }

  /** The sign-in under way, used once. */
  async endLogin(req: Request, res: Response): Promise<LoginTransaction | undefined> {
    const p = await this.open((req.cookies as Record<string, string> | undefined)?.[TRANSACTION], 'connexion');
    res.clearCookie(TRANSACTION, { ...this.cookie(0), maxAge: undefined });
    if (!p || typeof p.state !== 'string' || typeof p.nonce !== 'string' || typeof p.codeVerifier !== 'string') return undefined;
    return { state: p.state, nonce: p.nonce, codeVerifier: p.codeVerifier };
  }
}
