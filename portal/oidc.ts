/**
 * Sign-in with OpenID Connect (authorization code, PKCE, state and nonce) through `openid-client`.
 * The provider is discovered on first use, and again after a failure, so that the API starts even
 * while the provider is down. Plain http is allowed only for a provider on this machine
 * (the development one of `make start`).
 */
import * as client from 'openid-client';
import type { PortalConfig } from '../lib/config';
import type { LoginTransaction } from './session';

export interface Identity {
  sub: string;
  nom: string;
  email?: string;
  /** The claim's value as given; the caller checks it is an enterprise number of the registry. */
  cpas?: string;
  idToken?: string;
}

const SCOPE = 'openid profile email cpas';

export class Oidc {
  private discovered?: Promise<client.Configuration>;

  constructor(
    private readonly config: PortalConfig,
    private readonly publicUrl: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl}/portail/connexion/retour`;
  }

  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.oidcIssuer);
      const local = issuer.protocol === 'http:' && (issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1');
      this.discovered = client.discovery(issuer, this.config.oidcClientId, this.config.oidcClientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
      this.discovered.catch(() => (this.discovered = undefined));
    }
    return this.discovered;
  }

  async begin(): Promise<{ url: string; transaction: LoginTransaction }> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const transaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /** The provider's answer at the redirect URI (`currentUrl`), checked against the transaction. */
  async complete(currentUrl: URL, t: LoginTransaction): Promise<Identity> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: t.codeVerifier, expectedState: t.state, expectedNonce: t.nonce });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    const claim = (name: string) => {
      const v = info[name] ?? idClaims[name];
      return typeof v === 'string' ? v : undefined;
    };
    const email = claim('email');
    const cpas = claim(this.config.oidcCpasClaim);
    return { sub: idClaims.sub, nom: claim('name') ?? idClaims.sub, ...(email ? { email } : {}), ...(cpas ? { cpas } : {}), ...(tokens.id_token ? { idToken: tokens.id_token } : {}) };
  }

  /** Where to send the browser to end the provider's session too (RP-initiated logout), when it offers it. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${this.publicUrl}/portail`, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
    } catch {
      return undefined;
    }
  }

  /** The provider's origin, which forms may lead to (the logout's redirect) under the CSP. */
  get issuerOrigin(): string {
    return new URL(this.config.oidcIssuer).origin;
  }
}
