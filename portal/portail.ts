/**
 * The CPAS portal (`/portail`, issue 15): social workers sign in with OpenID Connect, file a
 * request, list theirs and follow one. Pages in French, server-rendered, no script at all (a
 * strict CSP forbids any), every form protected against CSRF. Every action runs the API's own
 * operation through `perform` — the same schema, code path, idempotency and access journal as
 * `POST /v1/demandes`, `GET /v1/demandes/{reference}`, `GET /v1/parcours/{id}` and
 * `POST /v1/parcours/{id}/repriseDemandee` — as the caller `cpas:<number>` of the user's claim.
 */
import { randomBytes } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { civilDateInBrussels } from '../domain/calendar';
import { isValidEnterpriseNumber } from '../domain/identifiers';
import type { Config } from '../lib/config';
import { DemandesCpasStore, repriseLeDe, type StatutDemande } from '../lib/demandes-cpas';
import { journal, type HandlerDeps, type Invocation, type perform } from '../api/app';
import type { Caller } from '../api/auth';
import type { Operation } from '../api/operations';
import { HttpProblem } from '../api/problem';
import { FACT_SCHEMAS, idempotencyKeySchema } from '../api/schemas';
import { CSRF_FIELD, csrfValid } from './csrf';
import { CASES, corpsDemande, erreursParChamp, valeursDe, type Valeurs } from './formulaire';
import { STATUTS } from './libelles';
import { Oidc } from './oidc';
import { Sessions, type PortalUser } from './session';
import { chronologie, type EnvoiLu, type LigneLue } from './chronologie';
import { dossierDe, environnement } from './vues';

export interface PortalOptions {
  config: Pick<Config, 'publicUrl' | 'portal' | 'production'>;
}

type Operations = { list: Operation[]; perform: (op: Operation, inv: Invocation) => ReturnType<typeof perform>; deps: HandlerDeps };

const PAR_PAGE = 20;

declare module 'express-serve-static-core' {
  interface Request {
    portalUser?: PortalUser;
  }
}

/** What `createApp` calls to serve the portal beside the API. */
export function portail(options: PortalOptions) {
  return (app: express.Express, ops: Operations) => {
    app.use('/portail', routeur(options, ops));
  };
}

function routeur({ config }: PortalOptions, ops: Operations): express.Router {
  const { deps } = ops;
  const op = (id: string) => ops.list.find((o) => o.operationId === id)!;
  const sessions = new Sessions({ secret: config.portal.sessionSecret, hours: config.portal.sessionHours, secure: config.production });
  const oidc = new Oidc(config.portal, config.publicUrl);
  const demandes = deps.demandesCpas ?? new DemandesCpasStore(deps.db);
  const vues = environnement();
  const today = deps.today ?? (() => civilDateInBrussels(Date.now()));
  const router = express.Router();

  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          // The logout form ends at the identity provider (RP-initiated logout).
          formAction: ["'self'", oidc.issuerOrigin],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          ...(config.production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Plain http on this machine (make start, tests): HSTS only where TLS is.
      strictTransportSecurity: config.production,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  router.use((_req, res, next) => {
    // Pages about people: never kept by a shared cache or the back button of a shared computer.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use('/static', express.static(dossierDe('static'), { index: false, fallthrough: false }));
  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));

  const rendre = (res: Response, vue: string, status: number, locals: Record<string, unknown>) => {
    const user = res.req.portalUser;
    const html = vues.render(vue, { ...locals, utilisateur: user, nomCpas: user ? deps.registry.get(user.cpas)?.nom : undefined, csrf: user?.csrf, csrfField: CSRF_FIELD, annee: today().slice(0, 4) });
    res.status(status).type('html').send(html);
  };

  const introuvable = (res: Response) => rendre(res, 'introuvable.njk', 404, { titre: 'Page introuvable' });

  router.use(async (req, _res, next) => {
    req.portalUser = await sessions.user(req);
    next();
  });

  router.get('/', (req, res) => {
    if (req.portalUser) return res.redirect(303, '/portail/demandes');
    rendre(res, 'accueil.njk', 200, { titre: 'Portail des CPAS' });
  });

  router.get('/connexion', async (_req, res, next) => {
    try {
      const { url, transaction } = await oidc.begin();
      await sessions.beginLogin(res, transaction);
      res.redirect(303, url);
    } catch (err) {
      next(err);
    }
  });

  router.get('/connexion/retour', async (req, res, next) => {
    const transaction = await sessions.endLogin(req, res);
    if (!transaction) return rendre(res, 'erreur.njk', 400, { titre: 'Connexion expirée', message: 'La connexion a pris trop de temps ou a été ouverte dans un autre onglet. Recommencez.', connexion: true });
    let identity;
    try {
      identity = await oidc.complete(new URL(req.originalUrl, config.publicUrl), transaction);
    } catch (err) {
      deps.logger.warn({ reqId: req.requestId, err: err instanceof Error ? err.message : 'unknown' }, 'portal sign-in refused');
      return rendre(res, 'erreur.njk', 400, { titre: 'Connexion refusée', message: 'Le fournisseur d’identité n’a pas confirmé votre connexion. Recommencez.', connexion: true });
    }
    try {
      // The user's CPAS is the provider's claim, and only a CPAS of the registry (spec §10).
      if (!identity.cpas || !isValidEnterpriseNumber(identity.cpas) || !deps.registry.get(identity.cpas)) {
        return rendre(res, 'erreur.njk', 403, { titre: 'Accès refusé', message: 'Votre compte n’est rattaché à aucun CPAS partenaire du Forem. Adressez-vous à votre administrateur.' });
      }
      await sessions.signIn(res, { sub: identity.sub, nom: identity.nom, cpas: identity.cpas, ...(identity.email ? { email: identity.email } : {}), ...(identity.idToken ? { idToken: identity.idToken } : {}) });
      res.redirect(303, '/portail/demandes');
    } catch (err) {
      next(err);
    }
  });

  // Everything below needs a signed-in user.
  router.use((req, res, next) => {
    if (!req.portalUser) return res.redirect(303, '/portail');
    next();
  });

  /** Every form that changes something carries the session's token (portal/csrf.ts). */
  router.post('*splat', (req, res, next) => {
    if (!csrfValid(req.portalUser!, req.body)) return rendre(res, 'erreur.njk', 403, { titre: 'Formulaire expiré', message: 'Ce formulaire n’est plus valable (session changée ou page ouverte depuis longtemps). Rouvrez la page et recommencez.' });
    next();
  });

  router.post('/deconnexion', async (req, res) => {
    const user = req.portalUser!;
    sessions.signOut(res);
    res.redirect(303, (await oidc.endSessionUrl(user.idToken)) ?? '/portail');
  });

  const callerOf = (user: PortalUser): Caller => ({ id: `portail:${user.sub}`.slice(0, 100), role: { type: 'cpas', cpas: user.cpas } });
  const nouvelleCle = () => `portail-${randomBytes(16).toString('hex')}`;

  /** Statuses a deadline changed since the list last read them (lib/demandes-cpas.ts, parcoursPerimes). */
  const rafraichir = async (cpas: string) => {
    for (const parcoursId of await demandes.parcoursPerimes(cpas)) {
      const lu = new Date().toISOString();
      const view = await deps.gateway.view(parcoursId).catch(() => undefined); // erased by the retention meanwhile: its row goes with it
      if (view) await demandes.actualiser(view.demandes, repriseLeDe(await deps.store.journal(parcoursId)), lu);
    }
  };

  router.get('/demandes', async (req, res, next) => {
    try {
      const user = req.portalUser!;
      const statut = typeof req.query.statut === 'string' && req.query.statut in STATUTS ? (req.query.statut as StatutDemande) : undefined;
      const recherche = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
      const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
      await rafraichir(user.cpas);
      const { demandes: liste, total } = await demandes.lister(user.cpas, { ...(statut ? { statut } : {}), ...(recherche ? { recherche } : {}), page, parPage: PAR_PAGE });
      // A list of people is a read of their data: journaled like the API's listerDemandes.
      req.operation = { id: 'portailDemandes', readsPersonalData: true, concerns: {} };
      req.caller = callerOf(user);
      await journal(req, 200, deps.accessJournal);
      const pages = Math.max(1, Math.ceil(total / PAR_PAGE));
      const lien = (p: number) => `/portail/demandes?${new URLSearchParams({ ...(statut ? { statut } : {}), ...(recherche ? { q: recherche } : {}), page: String(p) })}`;
      rendre(res, 'demandes.njk', 200, { titre: 'Mes demandes', liste, total, statut, recherche, page, pages, precedente: page > 1 ? lien(page - 1) : undefined, suivante: page < pages ? lien(page + 1) : undefined });
    } catch (err) {
      next(err);
    }
  });

  const formulaire = (res: Response, status: number, valeurs: Valeurs, erreurs: Record<string, string> = {}, probleme?: { titre: string; detail?: string }) => {
    const user = res.req.portalUser!;
    const cases = Object.fromEntries(CASES.map((c) => [c, valeurs[c] === 'oui']));
    rendre(res, 'nouvelle-demande.njk', status, {
      titre: Object.keys(erreurs).length || probleme ? 'Erreur — Nouvelle demande' : 'Nouvelle demande',
      valeurs: { date: today(), 'contact.nom': user.nom, ...(user.email ? { 'contact.email': user.email } : {}), ...valeurs },
      cases,
      erreurs,
      nombreErreurs: Object.keys(erreurs).length,
      probleme,
      cle: nouvelleCle(),
      cpas: deps.registry.get(user.cpas),
    });
  };

  router.get('/demandes/nouvelle', (_req, res) => formulaire(res, 200, {}));

  router.post('/demandes', async (req, res, next) => {
    const user = req.portalUser!;
    const form = req.body as Record<string, unknown>;
    const body = corpsDemande(form, user.cpas);
    const parsed = FACT_SCHEMAS.demande.safeParse(body);
    if (!parsed.success) return formulaire(res, 400, valeursDe(form), erreursParChamp(parsed.error));
    const key = idempotencyKeySchema.safeParse(form.idempotence);
    try {
      const answer = await ops.perform(op('demande'), { req, caller: callerOf(user), body: parsed.data, query: undefined, params: {}, idempotencyKey: key.success ? key.data : nouvelleCle() });
      if (answer.status !== 200) {
        const p = answer.body as { title: string; detail?: string };
        return formulaire(res, answer.status, valeursDe(form), {}, { titre: p.title, ...(p.detail ? { detail: p.detail } : {}) });
      }
      const reference = (answer.body as { etat: { demandes: Array<{ reference: string }> } }).etat.demandes.at(-1)!.reference;
      res.redirect(303, `/portail/demandes/${encodeURIComponent(reference)}?depot=1`);
    } catch (err) {
      if (err instanceof HttpProblem && err.status < 500) return formulaire(res, err.status, valeursDe(form), {}, { titre: err.title, ...(err.detail ? { detail: err.detail } : {}) });
      next(err);
    }
  });

  /** The request and what the user may read of its parcours, through the API's two reads. */
  const lire = async (req: Request, user: PortalUser, reference: string) => {
    const caller = callerOf(user);
    let demandeAnswer;
    try {
      demandeAnswer = await ops.perform(op('lireDemande'), { req, caller, body: undefined, query: undefined, params: { reference }, idempotencyKey: '' });
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 404) {
        await journal(req, 404, deps.accessJournal);
        return undefined;
      }
      throw err;
    }
    const { parcoursId, demande } = demandeAnswer.body as { parcoursId: string; demande: { reference: string; statut: StatutDemande; besoin: string; deposeeLe: string; rendezVous?: { service: string; date: string; lieu: string }; motifRejet?: string } };
    let parcours: { statut: string; echeances: Array<{ rule: string; label: string; basis: string; dernierJour: string }>; dossier: LigneLue[]; emails: EnvoiLu[] } | undefined;
    // A rejected request opens nothing of the person (spec §10): the request alone is shown.
    if (demande.statut !== 'rejetee') {
      try {
        parcours = (await ops.perform(op('lireParcours'), { req, caller, body: undefined, query: undefined, params: { parcoursId }, idempotencyKey: '' })).body as typeof parcours;
      } catch (err) {
        if (!(err instanceof HttpProblem && err.status === 404)) throw err;
        await journal(req, 404, deps.accessJournal);
      }
    }
    return { parcoursId, demande, parcours, fiche: await demandes.get(reference) };
  };

  const pageDemande = async (req: Request, res: Response, status: number, message?: { titre: string; detail?: string; succes?: boolean }) => {
    const user = req.portalUser!;
    const lu = await lire(req, user, String(req.params.reference));
    if (!lu) return introuvable(res);
    const { demande, parcours, fiche } = lu;
    const lignes = chronologie(parcours?.dossier ?? [], parcours?.emails ?? []);
    const repriseLe = repriseLeDe(lignes);
    const arret = lignes.filter((l) => l.code === 'demande.arretee').at(-1);
    const repriseDemandee = arret && lignes.some((l) => l.code === 'reprise.cpas' && l.key > arret.key && !l.annuleePar);
    const repriseOuverte = demande.statut === 'arretee' && !repriseDemandee && (!repriseLe || repriseLe <= today());
    rendre(res, 'demande.njk', status, {
      titre: `Demande ${demande.reference}`,
      demande,
      fiche,
      lignes,
      echeances: parcours?.echeances ?? [],
      repriseLe,
      repriseDemandee,
      repriseOuverte,
      cle: nouvelleCle(),
      depot: req.query.depot === '1',
      message,
      rapport: `/portail/rapport/${today().slice(0, 4)}`,
    });
  };

  router.get('/demandes/:reference', async (req, res, next) => {
    try {
      await pageDemande(req, res, 200, req.query.reprise === '1' ? { titre: 'Reprise demandée', detail: 'Le Forem a enregistré votre demande de reprise de l’accompagnement.', succes: true } : undefined);
    } catch (err) {
      next(err);
    }
  });

  router.post('/demandes/:reference/reprise', async (req, res, next) => {
    try {
      const user = req.portalUser!;
      const reference = String(req.params.reference);
      const lu = await lire(req, user, reference);
      if (!lu) return introuvable(res);
      const key = idempotencyKeySchema.safeParse((req.body as Record<string, unknown>).idempotence);
      try {
        const answer = await ops.perform(op('repriseDemandee'), { req, caller: callerOf(user), body: { date: today(), par: 'cpas' }, query: undefined, params: { parcoursId: lu.parcoursId }, idempotencyKey: key.success ? key.data : nouvelleCle() });
        if (answer.status === 200) return res.redirect(303, `/portail/demandes/${encodeURIComponent(reference)}?reprise=1`);
        const p = answer.body as { title: string; detail?: string };
        return pageDemande(req, res, answer.status, { titre: p.title, ...(p.detail ? { detail: p.detail } : {}) });
      } catch (err) {
        if (err instanceof HttpProblem && err.status < 500) return pageDemande(req, res, err.status, { titre: err.title, ...(err.detail ? { detail: err.detail } : {}) });
        throw err;
      }
    } catch (err) {
      next(err);
    }
  });

  /**
   * The CPAS's annual report (convention art. 5, 6): the API's own operation (`rapportMonitoring`:
   * its year check, its figures, its page), for the session's CPAS only. The page carries its own
   * CSP (its styles allowed by their hashes), which replaces the portal's: helmet's allows none.
   */
  router.get('/rapport/:annee', async (req, res, next) => {
    try {
      const user = req.portalUser!;
      let answer;
      try {
        answer = await ops.perform(op('rapportMonitoring'), { req, caller: callerOf(user), body: undefined, query: undefined, params: { numeroEntreprise: user.cpas, annee: String(req.params.annee) }, idempotencyKey: '' });
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 404) return introuvable(res);
        throw err;
      }
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.status(answer.status).type('html').send(answer.body);
    } catch (err) {
      next(err);
    }
  });

  router.use((_req, res) => introuvable(res));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ reqId: req.requestId, err: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }, 'portal unavailable');
    rendre(res, 'erreur.njk', 503, { titre: 'Service momentanément indisponible', message: 'Le portail ne peut pas répondre pour le moment. Réessayez dans quelques minutes ; rien n’a été perdu de ce que vous avez déjà envoyé.' });
  });
  return router;
}
