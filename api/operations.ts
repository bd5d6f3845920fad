/**
 * Every operation of the API as data: path, roles, input schema, answers and handler. The same
 * table registers the Express routes and generates the OpenAPI document, so the two agree.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { civilDateInBrussels } from '../domain/calendar';
import { FACT_TYPES, type FactEvent, type FactType, type ParcoursView } from '../domain/parcours';
import type { Cpas, CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import { parcoursIdOf } from '../lib/pseudonym';
import type { Caller, RoleName } from './auth';
import type { ParcoursGateway } from './parcours-gateway';
import { HttpProblem } from './problem';
import { FACT_SCHEMAS, parcoursIdSchema, rechercheSchema } from './schemas';

export interface OperationContext {
  req: Request;
  caller: Caller;
  body: unknown;
  params: Record<string, string>;
  /** For writes: the event id derived from the caller and its Idempotency-Key. */
  eventId: string;
}

export interface Operation {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI style: `/v1/parcours/{parcoursId}`. */
  path: string;
  summary: string;
  tag: string;
  roles: RoleName[];
  body?: z.ZodType;
  /** A write: requires an Idempotency-Key, and its first answer is replayed for retries. */
  write?: boolean;
  responses: Record<number, string>;
  handle(ctx: OperationContext): Promise<{ status: number; body: unknown }>;
}

export interface OperationDeps {
  gateway: ParcoursGateway;
  store: DossierStore;
  registry: CpasRegistry;
  pseudonymSecret: string;
  /** Today in Brussels; injectable for tests. */
  today?: () => string;
}

export function eventIdOf(callerId: string, idempotencyKey: string): string {
  return 'k-' + createHash('sha256').update(`${callerId}\n${idempotencyKey}`).digest('hex').slice(0, 40);
}

/** A CPAS sees only the people it follows or referred (convention art. 7); others see all. */
export function canSee(caller: Caller, view: ParcoursView): boolean {
  if (caller.role.type !== 'cpas') return true;
  const cpas = caller.role.cpas;
  return view.cpas === cpas || view.demandes.some((d) => d.cpas === cpas);
}

const ANSWER_FACT = { 200: 'Fait enregistré : lignes du dossier produites (avec base légale) et état du parcours', 400: 'Entrée invalide (champ et raison)', 401: 'Clé manquante ou inconnue', 403: 'Hors du rôle', 404: 'Parcours inconnu', 409: 'Fait refusé dans l’état du parcours (raison)', 422: 'Idempotency-Key déjà utilisée pour une autre requête' };

const FACT_SUMMARIES: Record<FactType, string> = {
  inscription: 'Inscription (ou réinscription) comme chercheur d’emploi — art. 5',
  authentification: 'Identité authentifiée après une inscription par téléphone — art. 5 §2',
  fixationContact: 'Date du contact mensuel fixée (inscription en ligne) — art. 5 §3',
  objectivation: 'Profil objectivé — art. 6',
  affectation: 'Affectation à un type d’accompagnement — art. 16',
  contactMensuel: 'Contact mensuel, avec la date du suivant — art. 25',
  proposition: 'Proposition d’emploi, de stage ou de formation — art. 28',
  sollicitation: 'Sollicitation (convocation, rendez-vous, invitation) — art. 29',
  absence: 'Absence à une sollicitation (ou au rendez-vous fixé par recommandé) — art. 30 §1, §3',
  presence: 'Présence à une sollicitation ; au rendez-vous fixé par recommandé, elle clôt la chaîne — art. 30 §3',
  justification: 'Justification reçue et appréciée — art. 31',
  reconvocation: 'Nouvelle sollicitation (recommandé ou convocation) — art. 30 §2, 31 §2',
  signalAlerte: 'Signal d’alerte — art. 39',
  repriseDemandee: 'Reprise de l’accompagnement demandée (CE, art. 32 ; CPAS, 7 mois)',
  desinscription: 'Fin de l’inscription — art. 33',
  cloture: 'Clôture de l’accompagnement (refus, comportement, non-collaboration validés) ou fin d’inscription (décès, pension) — art. 33, 35',
  demande: 'Demande du CPAS (un besoin à la fois)',
  demandeTraitee: 'Demande traitée : rendez-vous fixé',
  retourEntretien: 'Retour au CPAS après le premier entretien',
  demandeCloturee: 'Demande clôturée : prestation réalisée',
  decisionServiceControle: 'Décision du Service contrôle sur un dossier transmis — art. 30 §3 al. 2, 35 al. 2',
  emploi: 'Début d’emploi : trois mois sans être inoccupé clôturent l’accompagnement — art. 33 §1er 1°',
  finEmploi: 'Retour au chômage avant trois mois d’emploi — art. 33 §1er 1°',
  nonCollaboration: 'Collaboration insuffisante ou refus d’être accompagné : suspension — art. 32 al. 1er 1°, 34',
  signalementManquement: 'Signalement de manquement avec délai de régularisation — art. 36 §3',
  regularisation: 'Réaction du chercheur d’emploi dans le délai de régularisation — art. 36 §3',
  maintienInscription: 'Maintien de l’inscription au-delà de l’âge légal de la pension — art. 35 5°',
  changementSituation: 'Changement de situation : canal préférentiel (art. 9), allocations, non mobilisable, trajet spécifique (art. 28 §2)',
};

export function operations(deps: OperationDeps): Operation[] {
  const { gateway, store, registry, pseudonymSecret } = deps;
  const today = deps.today ?? (() => civilDateInBrussels(Date.now()));

  const parcoursParam = (params: Record<string, string>): string => {
    const r = parcoursIdSchema.safeParse(params.parcoursId);
    if (!r.success) throw new HttpProblem(404, 'Parcours inconnu');
    return r.data;
  };

  /** The parcours as `caller` may see it; another CPAS's person is answered as unknown. */
  const visibleView = async (caller: Caller, parcoursId: string): Promise<ParcoursView> => {
    const view = await gateway.view(parcoursId);
    if (!canSee(caller, view)) throw new HttpProblem(404, 'Parcours inconnu');
    return view;
  };

  const cpasView = (c: Cpas) => ({ ...c, conventionEnVigueur: registry.conventionEnVigueur(c.numeroEntreprise, today()) });

  const recorded = async (parcoursId: string, event: FactEvent, start: boolean) => {
    const r = await gateway.record(parcoursId, event, start);
    return { status: 200, body: { parcoursId, eventId: r.eventId, dossier: r.dossier, etat: r.etat } };
  };

  const factOperation = (type: Exclude<FactType, 'inscription' | 'demande'>): Operation => ({
    operationId: type,
    method: 'post',
    path: `/v1/parcours/{parcoursId}/${type}`,
    summary: FACT_SUMMARIES[type],
    tag: type.startsWith('demande') || type === 'retourEntretien' ? 'Demandes CPAS' : 'Faits du parcours',
    roles: type === 'repriseDemandee' ? ['backoffice', 'cpas'] : ['backoffice'],
    body: FACT_SCHEMAS[type],
    write: true,
    responses: ANSWER_FACT,
    async handle({ caller, body, params, eventId }) {
      const parcoursId = parcoursParam(params);
      if (caller.role.type === 'cpas') {
        // A CPAS may only ask for the reprise of its own joint accompaniment (seed 000).
        if ((body as { par: string }).par !== 'cpas') throw new HttpProblem(403, 'Accès refusé', 'un CPAS ne peut demander la reprise qu’en son nom (par: "cpas")');
        await visibleView(caller, parcoursId);
      }
      return recorded(parcoursId, { ...(body as object), type, id: eventId } as FactEvent, false);
    },
  });

  const ops: Operation[] = [
    {
      operationId: 'inscription',
      method: 'post',
      path: '/v1/inscriptions',
      summary: FACT_SUMMARIES.inscription,
      tag: 'Faits du parcours',
      roles: ['backoffice'],
      body: FACT_SCHEMAS.inscription,
      write: true,
      responses: { ...ANSWER_FACT, 404: 'CPAS absent du registre', 422: 'CPAS sans convention en vigueur, ou Idempotency-Key réutilisée' },
      async handle({ body, eventId }) {
        const { niss, ...fact } = body as z.infer<typeof FACT_SCHEMAS.inscription>;
        if (fact.cpas && !registry.conventionEnVigueur(fact.cpas, today())) {
          throw new HttpProblem(422, 'CPAS sans convention en vigueur', `le CPAS ${fact.cpas} n’a pas de convention de coopération en vigueur`, [{ field: 'cpas', reason: 'aucune convention de coopération en vigueur pour ce CPAS' }]);
        }
        return recorded(parcoursIdOf(niss, pseudonymSecret), { ...fact, type: 'inscription', id: eventId }, true);
      },
    },
    {
      operationId: 'demande',
      method: 'post',
      path: '/v1/demandes',
      summary: FACT_SUMMARIES.demande,
      tag: 'Demandes CPAS',
      roles: ['cpas'],
      body: FACT_SCHEMAS.demande,
      write: true,
      responses: { ...ANSWER_FACT, 403: 'Demande au nom d’un autre CPAS, ou CPAS sans convention de coopération en vigueur' },
      async handle({ caller, body, eventId }) {
        const { niss, ...fact } = body as z.infer<typeof FACT_SCHEMAS.demande>;
        const cpas = caller.role.type === 'cpas' ? caller.role.cpas : '';
        if (fact.cpas !== cpas) throw new HttpProblem(403, 'Accès refusé', 'un CPAS ne dépose de demande qu’en son nom', [{ field: 'cpas', reason: 'doit être le numéro d’entreprise du CPAS authentifié' }]);
        if (!registry.conventionEnVigueur(cpas, today())) {
          throw new HttpProblem(403, 'Convention de coopération non en vigueur', 'seul un CPAS ayant signé la convention de coopération, en vigueur, peut introduire une demande (seed 000 ; convention art. 8)');
        }
        return recorded(parcoursIdOf(niss, pseudonymSecret), { ...fact, type: 'demande', id: eventId }, true);
      },
    },
    ...FACT_TYPES.filter((t): t is Exclude<FactType, 'inscription' | 'demande'> => t !== 'inscription' && t !== 'demande').map(factOperation),
    {
      operationId: 'lireParcours',
      method: 'get',
      path: '/v1/parcours/{parcoursId}',
      summary: 'État du parcours, échéances avec leur base légale, dossier unique',
      tag: 'Lecture',
      roles: ['backoffice', 'auditor', 'cpas'],
      responses: { 200: 'Le parcours', 401: 'Clé manquante ou inconnue', 404: 'Parcours inconnu (ou hors du public du CPAS)' },
      async handle({ caller, params }) {
        const parcoursId = parcoursParam(params);
        const view = await visibleView(caller, parcoursId);
        return { status: 200, body: { ...view, dossier: store.journal(parcoursId) } };
      },
    },
    {
      operationId: 'rechercherParcours',
      method: 'post',
      path: '/v1/parcours/recherche',
      summary: 'Trouver le parcours d’un chercheur d’emploi par son NISS (jamais dans une URL)',
      tag: 'Lecture',
      roles: ['backoffice', 'auditor', 'cpas'],
      body: rechercheSchema,
      responses: { 200: 'L’identifiant du parcours', 400: 'NISS invalide', 404: 'Aucun parcours (ou hors du public du CPAS)' },
      async handle({ caller, body }) {
        const parcoursId = parcoursIdOf((body as z.infer<typeof rechercheSchema>).niss, pseudonymSecret);
        await visibleView(caller, parcoursId);
        return { status: 200, body: { parcoursId } };
      },
    },
    {
      operationId: 'historique',
      method: 'get',
      path: '/v1/parcours/{parcoursId}/historique',
      summary: 'Historique Temporal du parcours (JSON), à rejouer avec `npm run audit`',
      tag: 'Audit',
      roles: ['auditor'],
      responses: { 200: 'L’historique du workflow', 403: 'Réservé aux auditeurs', 404: 'Parcours inconnu' },
      async handle({ params }) {
        return { status: 200, body: await gateway.history(parcoursParam(params)) };
      },
    },
    {
      operationId: 'listerDemandes',
      method: 'get',
      path: '/v1/demandes',
      summary: 'Demandes déposées (un CPAS ne voit que les siennes)',
      tag: 'Demandes CPAS',
      roles: ['backoffice', 'auditor', 'cpas'],
      responses: { 200: 'Les demandes' },
      async handle({ caller }) {
        return { status: 200, body: { demandes: store.demandes(caller.role.type === 'cpas' ? caller.role.cpas : undefined) } };
      },
    },
    {
      operationId: 'lireDemande',
      method: 'get',
      path: '/v1/demandes/{reference}',
      summary: 'Une demande et son état',
      tag: 'Demandes CPAS',
      roles: ['backoffice', 'auditor', 'cpas'],
      responses: { 200: 'La demande', 404: 'Demande inconnue (ou d’un autre CPAS)' },
      async handle({ caller, params }) {
        const parcoursId = store.parcoursOfDemande(params.reference);
        if (!parcoursId) throw new HttpProblem(404, 'Demande inconnue');
        const view = await gateway.view(parcoursId);
        const demande = view.demandes.find((d) => d.reference === params.reference);
        if (!demande || (caller.role.type === 'cpas' && demande.cpas !== caller.role.cpas)) throw new HttpProblem(404, 'Demande inconnue');
        return { status: 200, body: { parcoursId, demande } };
      },
    },
    {
      operationId: 'listerCpas',
      method: 'get',
      path: '/v1/cpas',
      summary: 'Registre des CPAS et de leur convention',
      tag: 'Registre',
      roles: ['backoffice', 'auditor', 'cpas'],
      responses: { 200: 'Les CPAS' },
      async handle() {
        return { status: 200, body: { cpas: registry.all().map(cpasView) } };
      },
    },
    {
      operationId: 'lireCpas',
      method: 'get',
      path: '/v1/cpas/{numeroEntreprise}',
      summary: 'Un CPAS du registre',
      tag: 'Registre',
      roles: ['backoffice', 'auditor', 'cpas'],
      responses: { 200: 'Le CPAS', 404: 'CPAS inconnu' },
      async handle({ params }) {
        const c = registry.get(params.numeroEntreprise);
        if (!c) throw new HttpProblem(404, 'CPAS inconnu');
        return { status: 200, body: cpasView(c) };
      },
    },
  ];
  return ops;
}
