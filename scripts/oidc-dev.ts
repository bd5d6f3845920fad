/**
 * The development identity provider of the CPAS portal: a real OpenID Connect provider
 * (`oidc-provider`) with one account per CPAS of config/cpas.json whose convention is in force,
 * for `make start` and the browser tests. Production signs in at the region's provider
 * (PARCOURS_OIDC_ISSUER). Its sign-in page is oidc-provider's development one: it asks a login
 * and a password but checks only that the login is a development account.
 *
 *   tsx scripts/oidc-dev.ts   (PARCOURS_OIDC_DEV_PORT, PARCOURS_OIDC_DEV_REDIRECTS: the portal's base URLs, comma-separated)
 */
import fs from 'node:fs';
import path from 'node:path';
import Provider, { type Configuration } from 'oidc-provider';
import { DEV_OIDC_CLIENT_ID, DEV_OIDC_CLIENT_SECRET, DEV_OIDC_PORT } from '../lib/config';

export interface DevAccount {
  /** What to type as login on the provider's page. */
  login: string;
  nom: string;
  email: string;
  cpas: string;
  nomCpas: string;
}

interface RegistryFile {
  cpas: Array<{ numeroEntreprise: string; nom: string; contact: { nom: string; email: string }; conventionTerminee?: string }>;
}

/** One social worker per CPAS whose convention has not ended: their login is the CPAS's contact address. */
export function devAccounts(registryPath = path.resolve(__dirname, '../config/cpas.json')): DevAccount[] {
  const registry = JSON.parse(fs.readFileSync(registryPath, 'utf8')) as RegistryFile;
  return registry.cpas
    .filter((c) => !c.conventionTerminee)
    .map((c) => ({ login: c.contact.email, nom: `${c.contact.nom} (${c.nom})`, email: c.contact.email, cpas: c.numeroEntreprise, nomCpas: c.nom }));
}

/** The claim that carries the CPAS's enterprise number (PARCOURS_OIDC_CPAS_CLAIM on the portal's side). */
export const CPAS_CLAIM = 'numero_entreprise';

export function devProvider(issuer: string, portalUrls: string[], accounts = devAccounts()): Provider {
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: DEV_OIDC_CLIENT_ID,
        client_secret: DEV_OIDC_CLIENT_SECRET,
        redirect_uris: portalUrls.map((u) => `${u}/portail/connexion/retour`),
        post_logout_redirect_uris: portalUrls.map((u) => `${u}/portail`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], cpas: [CPAS_CLAIM] },
    scopes: ['openid', 'profile', 'email', 'cpas'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's own confirmation, in French and without the default page's web font (a closed network).
        async logoutSource(ctx, form) {
          ctx.body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Déconnexion</title></head><body><main><h1>Se déconnecter du fournisseur d’identité de développement ?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button> <button type="submit" form="op.logoutForm">Non, rester connecté</button></main></body></html>`;
        },
      },
    },
    // A development key: these cookies only hold the provider's own interaction state.
    cookies: { keys: ['parcours-oidc-dev-cookie-key'] },
    async findAccount(_ctx, id) {
      const a = byLogin.get(id);
      if (!a) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: a.nom, email: a.email, [CPAS_CLAIM]: a.cpas }) };
    },
    // The portal is the provider's own first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email cpas');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Behind nothing: the issuer is this process's own address.
  return provider;
}

if (require.main === module) {
  const port = Number(process.env.PARCOURS_OIDC_DEV_PORT ?? DEV_OIDC_PORT);
  const portalUrls = (process.env.PARCOURS_OIDC_DEV_REDIRECTS ?? `http://localhost:${process.env.PORT ?? 3000}`).split(',').map((u) => u.trim().replace(/\/+$/, ''));
  const provider = devProvider(`http://localhost:${port}`, portalUrls);
  const server = provider.listen(port, () => console.log(`development OpenID Connect provider listening on http://localhost:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
