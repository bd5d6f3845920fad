/**
 * Every operation of the API as data: path, roles, input schema, answers and handler. The same
 * table registers the Express routes and generates the OpenAPI document, so the two agree.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { civilDateInBrussels } from '../domain/calendar';
import { accesCpas, vueCpas } from '../domain/parcours/access';
import { demandesEnAttenteDansLeDossier } from '../domain/parcours/nommer';
import { FACT_TYPES, type FactEvent, type FactType, type ParcoursView } from '../domain/parcours';
import { CONVENTION_FACT_TYPES, conventionViewOf, type ConventionFact, type ConventionFactType } from '../domain/convention';
import type { AccessJournal } from '../lib/access-journal';
import type { ConventionStore } from '../lib/convention-store';
import type { Monitoring, MonitoringStore } from '../lib/monitoring';
import { CSV_MEDIA_TYPE, monitoringCsv } from '../lib/rapport/csv';
import { HTML_MEDIA_TYPE, politiqueDuRapport, renderRapport } from '../lib/rapport/page';
import type { EmailDeliveryStore } from '../lib/email-delivery-store';
import { repriseLeDe, type DemandesCpasStore } from '../lib/demandes-cpas';
import { lectureCpas } from './lecture-cpas';
import type { ConventionGateway } from './convention-gateway';
import type { Cpas, CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import { parcoursIdOf } from '../lib/pseudonym';
import type { Caller, RoleName } from './auth';
import type { ParcoursGateway } from './parcours-gateway';
import { HttpProblem } from './problem';
import {
  accessJournalAnswerSchema,
  conventionAnswerSchema,
  conventionFaitAnswerSchema,
  monitoringAnswerSchema,
  cpasAnswerSchema,
  cpasListAnswerSchema,
  demandeAnswerSchema,
  demandesAnswerSchema,
  factAnswerSchema,
  historiqueAnswerSchema,
  parcoursAnswerSchema,
  rechercheAnswerSchema,
} from './responses';
import { accessQuerySchema, CONVENTION_FACT_SCHEMAS, enterpriseNumberSchema, FACT_SCHEMAS, parcoursIdSchema, rechercheSchema } from './schemas';

export interface OperationContext {
  req: Request;
  caller: Caller;
  body: unknown;
  query: unknown;
  params: Record<string, string>;
  /** For writes: the event id derived from the caller and its Idempotency-Key. */
  eventId: string;
  /** What the access journal records of this request; the handler fills it in as soon as it knows. */
  concerns: { parcoursId?: string; reference?: string };
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
  /** Query parameters (all optional strings on the wire). */
  query?: z.ZodObject;
  /** A write: requires an Idempotency-Key, and its first answer is replayed for retries. */
  write?: boolean;
  /** The body of a 200 answer: what `handle` returns, and what the OpenAPI document says. */
  answer: z.ZodType;
  /** A 200 answer that is not JSON (a CSV export, an HTML page): its media type, and the headers it carries. */
  produces?: { mediaType: string; headers?: Record<string, { description: string; pattern: string }> };
  /** What this operation's own statuses mean; openapi.ts adds those every operation shares. */
  responses: Record<number, string>;
  /** Reads a person's data: journaled whoever the caller (requests by a CPAS or an auditor always are). */
  readsPersonalData?: boolean;
  handle(ctx: OperationContext): Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
}

export interface OperationDeps {
  gateway: ParcoursGateway;
  store: DossierStore;
  registry: CpasRegistry;
  /** The convention workflows (spec §12) and their journal. */
  conventions: { gateway: ConventionGateway; store: ConventionStore };
  accessJournal: AccessJournal;
  monitoring: MonitoringStore;
  /** The e-mails' delivery state (issue 13 §4). */
  deliveries: EmailDeliveryStore;
  /** The portal's list of requests, kept up to date with each fact and read. */
  demandesCpas: DemandesCpasStore;
  pseudonymSecret: string;
  /** Today in Brussels; injectable for tests. */
  today?: () => string;
}

const CONVENTION_SUMMARIES: Record<ConventionFactType, string> = {
  proposition: 'Convention : dossier de proposition conjoint (seed 003) — ouvre la convention',
  approbation: 'Convention : approbation par le comité de pilotage',
  signature: 'Convention : signature, entrée en vigueur pour une durée indéterminée — art. 8',
  evaluation: 'Convention : évaluation annuelle tenue, compte-rendu validé — art. 5',
  avenant: 'Convention : avenant signé par les parties — art. 8',
  denonciation: 'Convention : dénonciation par courrier recommandé, préavis de trois mois — art. 8',
};

/** What the three readings of the monitoring figures share: roles and refusals. */
const MONITORING = {
  tag: 'Conventions',
  roles: ['backoffice', 'auditor', 'cpas'] as RoleName[],
  responses: { 403: 'Un CPAS ne lit que ses propres chiffres', 404: 'CPAS inconnu, ou année invalide (AAAA, de 2000 à cette année)' } as Record<number, string>,
};

export function eventIdOf(callerId: string, idempotencyKey: string): string {
  return 'k-' + createHash('sha256').update(`${callerId}\n${idempotencyKey}`).digest('hex').slice(0, 40);
}

const ANSWER_FACT = { 200: 'Fait enregistré : lignes du dossier produites (avec base légale) et état du parcours', 404: 'Parcours inconnu', 409: 'Fait refusé dans l’état du parcours (raison), ou requête identique encore en cours' };

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
  changementCpas: 'Changement du CPAS qui suit la personne, avec son motif (p. ex. un déménagement)',
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
  const { gateway, store, registry, pseudonymSecret, accessJournal, conventions, deliveries, demandesCpas } = deps;
  const today = deps.today ?? (() => civilDateInBrussels(Date.now()));

  const parcoursParam = (params: Record<string, string>): string => {
    const r = parcoursIdSchema.safeParse(params.parcoursId);
    if (!r.success) throw new HttpProblem(404, 'Parcours inconnu');
    return r.data;
  };

  /**
   * The parcours `caller` may read: anyone else's person, or a person whose only request by this
   * CPAS was rejected, is answered as unknown (spec §10).
   */
  const readableView = async (caller: Caller, parcoursId: string): Promise<ParcoursView> => {
    const view = await gateway.view(parcoursId);
    if (caller.role.type === 'cpas' && !accesCpas(view, caller.role.cpas)) throw new HttpProblem(404, 'Parcours inconnu');
    return view;
  };

  /** The view and lines as `caller` may read them: a CPAS that only filed a request sees what concerns it. */
  const seenBy = async <L extends Parameters<typeof vueCpas>[1][number]>(caller: Caller, parcoursId: string, view: ParcoursView, lines: L[]) => {
    if (caller.role.type !== 'cpas') return { view, lignes: lines };
    const vue = vueCpas(view, lines, caller.role.cpas, await store.journal(parcoursId));
    if (accesCpas(view, caller.role.cpas)) return vue;
    // Its only request rejected: the CPAS reads that request, nothing of the person — not even whether they are suspended (spec §10).
    const { statut: _statut, regime: _regime, ...rien } = vue.view;
    return { view: rien, lignes: vue.lignes };
  };

  /** The portal's list follows the requests' state (lib/demandes-cpas.ts). */
  const actualiser = async (view: ParcoursView, parcoursId: string) => {
    if (view.demandes.length) await demandesCpas.actualiser(view.demandes, repriseLeDe(await store.journal(parcoursId)));
  };

  const cpasView = async (c: Cpas) => ({ ...c, conventionEnVigueur: await registry.conventionEnVigueur(c.numeroEntreprise, today()) });

  /** A CPAS named by a fact must be in the registry with its convention in force (seed 000; convention art. 8). */
  const conventionEnVigueur = async (cpas: string) => {
    if (!(await registry.conventionEnVigueur(cpas, today()))) {
      throw new HttpProblem(422, 'CPAS sans convention en vigueur', `le CPAS ${cpas} n’a pas de convention de coopération en vigueur`, [{ field: 'cpas', reason: 'aucune convention de coopération en vigueur pour ce CPAS' }]);
    }
  };

  const conventionFactOperation = (type: ConventionFactType): Operation => ({
    operationId: `convention${type[0].toUpperCase()}${type.slice(1)}`,
    method: 'post',
    path: `/v1/conventions/{numeroEntreprise}/${type}`,
    summary: CONVENTION_SUMMARIES[type],
    tag: 'Conventions',
    roles: ['backoffice'],
    body: CONVENTION_FACT_SCHEMAS[type],
    write: true,
    answer: conventionFaitAnswerSchema,
    responses: {
      200: 'Fait enregistré : lignes du journal de la convention (avec base légale) et état de la convention',
      404: type === 'proposition' ? 'Numéro d’entreprise invalide' : 'Convention inconnue (numéro d’entreprise invalide, ou aucun dossier de proposition pour ce CPAS)',
      409: 'Fait refusé dans l’état de la convention (raison), convention terminée, ou requête identique encore en cours',
      ...(type === 'proposition' ? ({ 422: 'Le CPAS signataire de la proposition n’est pas celui du chemin' } as Record<number, string>) : {}),
    },
    async handle({ body, params, eventId }) {
      const cpas = enterpriseNumberSchema.safeParse(params.numeroEntreprise);
      if (!cpas.success) throw new HttpProblem(404, type === 'proposition' ? 'Numéro d’entreprise invalide' : 'Convention inconnue', `numeroEntreprise : ${cpas.error.issues[0].message}`);
      const fact = { ...(body as object), type, id: eventId } as ConventionFact;
      if (fact.type === 'proposition' && fact.proposition.cpas !== cpas.data) {
        throw new HttpProblem(422, 'Entrée invalide', 'le CPAS signataire est celui du chemin', [{ field: 'proposition.cpas', reason: 'doit être le numéro d’entreprise du chemin' }]);
      }
      const r = await conventions.gateway.record(cpas.data, fact);
      return { status: 200, body: { eventId: r.eventId, convention: conventionViewOf(r.etat, Date.now()), journal: (await conventions.store.journal(cpas.data)).filter((l) => l.eventId === r.eventId) } };
    },
  });

  const recorded = async (caller: Caller, parcoursId: string, event: FactEvent, start: boolean) => {
    const journalSeq = start ? await store.dernierNumero(parcoursId) : 0;
    // Used only when a new run starts: an earlier run's requests that wait for the person's registration.
    const enAttente = journalSeq > 0 ? demandesEnAttenteDansLeDossier(await store.journal(parcoursId)) : [];
    const r = await gateway.record(parcoursId, event, start, journalSeq, enAttente);
    if (event.type === 'demande') {
      // The request just filed is the parcours' last (a retry finds the same one).
      const d = r.etat.demandes.at(-1);
      if (d && d.cpas === event.cpas) await demandesCpas.enregistrer({ reference: d.reference, cpas: d.cpas, parcoursId, nom: event.personne.nom, prenom: event.personne.prenom, besoin: d.besoin, deposeeLe: d.deposeeLe, statut: d.statut });
    }
    await actualiser(r.etat, parcoursId);
    const { view, lignes } = await seenBy(caller, parcoursId, r.etat, r.dossier);
    return { status: 200, body: { parcoursId, eventId: r.eventId, dossier: lignes, etat: view } satisfies z.infer<typeof factAnswerSchema> };
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
    answer: factAnswerSchema,
    responses: type === 'changementCpas' ? { ...ANSWER_FACT, 422: 'CPAS absent du registre ou sans convention en vigueur' } : ANSWER_FACT,
    async handle({ caller, body, params, eventId, concerns }) {
      const parcoursId = parcoursParam(params);
      concerns.parcoursId = parcoursId;
      if (caller.role.type === 'cpas') {
        // A CPAS may only ask for the reprise of its own joint accompaniment (seed 000).
        if ((body as { par: string }).par !== 'cpas') throw new HttpProblem(403, 'Accès refusé', 'un CPAS ne peut demander la reprise qu’en son nom (par: "cpas")');
        const view = await readableView(caller, parcoursId);
        // The accompaniment stopped is that of one request (seed 000: « le CPAS peut demander la
        // reprise » of its own): following the person or an older request of its own is not enough.
        const cpas = caller.role.cpas;
        if (!view.demandes.some((d) => d.cpas === cpas && d.statut === 'arretee')) {
          throw new HttpProblem(409, 'Reprise impossible', 'aucune demande de ce CPAS n’est arrêtée dans ce parcours : seul le CPAS dont l’accompagnement a été arrêté en demande la reprise');
        }
      }
      if (type === 'changementCpas') await conventionEnVigueur((body as { cpas: string }).cpas);
      return recorded(caller, parcoursId, { ...(body as object), type, id: eventId } as FactEvent, false);
    },
  });

  /** The figures `caller` asked for: Forem roles read any CPAS, a CPAS its own (convention art. 6). */
  const monitoringDemande = async (caller: Caller, params: Record<string, string>): Promise<{ cpas: Cpas; annee: string; figures: Monitoring }> => {
    const c = await registry.get(params.numeroEntreprise);
    if (!c) throw new HttpProblem(404, 'CPAS inconnu');
    const jour = today();
    if (!/^20[0-9]{2}$/.test(params.annee) || params.annee > jour.slice(0, 4)) throw new HttpProblem(404, 'Année invalide', 'annee : AAAA, de 2000 à cette année');
    if (caller.role.type === 'cpas' && caller.role.cpas !== c.numeroEntreprise) throw new HttpProblem(403, 'Accès refusé', 'un CPAS ne lit que ses propres chiffres');
    const fin = params.annee === jour.slice(0, 4) ? jour : `${params.annee}-12-31`;
    return { cpas: c, annee: params.annee, figures: await deps.monitoring.figures(c.numeroEntreprise, `${params.annee}-01-01`, fin) };
  };

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
      answer: factAnswerSchema,
      responses: { ...ANSWER_FACT, 409: 'Fait refusé dans l’état du parcours (raison), ou requête identique encore en cours', 422: 'CPAS absent du registre ou sans convention en vigueur' },
      async handle({ caller, body, eventId, concerns }) {
        const { niss, ...fact } = body as z.infer<typeof FACT_SCHEMAS.inscription>;
        const parcoursId = parcoursIdOf(niss, pseudonymSecret);
        concerns.parcoursId = parcoursId;
        if (fact.cpas) await conventionEnVigueur(fact.cpas);
        return recorded(caller, parcoursId, { ...fact, type: 'inscription', id: eventId }, true);
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
      answer: factAnswerSchema,
      responses: {
        200: 'Demande enregistrée (acceptée ou rejetée, avec le motif) ; la réponse ne montre que ce qui concerne la demande',
        403: 'Demande au nom d’un autre CPAS, ou CPAS sans convention de coopération en vigueur',
        409: 'Une demande est déjà ouverte pour cette personne, ou requête identique encore en cours',
      },
      async handle({ caller, body, eventId, concerns }) {
        const { niss, ...fact } = body as z.infer<typeof FACT_SCHEMAS.demande>;
        const cpas = caller.role.type === 'cpas' ? caller.role.cpas : '';
        const parcoursId = parcoursIdOf(niss, pseudonymSecret);
        concerns.parcoursId = parcoursId;
        if (fact.cpas !== cpas) throw new HttpProblem(403, 'Accès refusé', 'un CPAS ne dépose de demande qu’en son nom', [{ field: 'cpas', reason: 'doit être le numéro d’entreprise du CPAS authentifié' }]);
        // After the end of the notice, the request is rejected with that reason (spec §12 Decision).
        const motif = await registry.motifHorsConvention(cpas, today());
        if (motif) {
          throw new HttpProblem(403, 'Convention de coopération non en vigueur', `seul un CPAS ayant signé la convention de coopération, en vigueur, peut introduire une demande (seed 000 ; convention art. 8) : ${motif}`, [{ field: 'cpas', reason: motif }]);
        }
        const answer = await recorded(caller, parcoursId, { ...fact, type: 'demande', id: eventId }, true);
        concerns.reference = answer.body.etat.demandes.at(-1)?.reference;
        return answer;
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
      answer: parcoursAnswerSchema,
      readsPersonalData: true,
      responses: { 200: 'Le parcours ; un CPAS qui n’a fait qu’une demande n’en voit que ce qui concerne sa demande', 404: 'Parcours inconnu (ou hors du public du CPAS)' },
      async handle({ caller, params, concerns }) {
        const parcoursId = parcoursParam(params);
        concerns.parcoursId = parcoursId;
        const full = await readableView(caller, parcoursId);
        await actualiser(full, parcoursId);
        // A CPAS, follower or requester, reads the accompaniment and the e-mails sent to it; the portal reads through here too.
        const { view, lignes, emails } = await lectureCpas({ store, deliveries }, full, parcoursId, caller.role.type === 'cpas' ? caller.role.cpas : undefined);
        return { status: 200, body: { ...view, dossier: lignes, emails: emails.map(({ id: _id, ...e }) => e) } satisfies z.infer<typeof parcoursAnswerSchema> };
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
      answer: rechercheAnswerSchema,
      readsPersonalData: true,
      responses: { 200: 'L’identifiant du parcours', 404: 'Aucun parcours (ou hors du public du CPAS)' },
      async handle({ caller, body, concerns }) {
        const parcoursId = parcoursIdOf((body as z.infer<typeof rechercheSchema>).niss, pseudonymSecret);
        concerns.parcoursId = parcoursId;
        await readableView(caller, parcoursId);
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
      answer: historiqueAnswerSchema,
      readsPersonalData: true,
      responses: { 200: 'L’historique du workflow', 404: 'Parcours inconnu' },
      async handle({ params, concerns }) {
        const parcoursId = parcoursParam(params);
        concerns.parcoursId = parcoursId;
        return { status: 200, body: await gateway.history(parcoursId) };
      },
    },
    {
      operationId: 'listerDemandes',
      method: 'get',
      path: '/v1/demandes',
      summary: 'Demandes déposées (un CPAS ne voit que les siennes)',
      tag: 'Demandes CPAS',
      roles: ['backoffice', 'auditor', 'cpas'],
      answer: demandesAnswerSchema,
      readsPersonalData: true,
      responses: { 200: 'Les demandes' },
      async handle({ caller }) {
        return { status: 200, body: { demandes: await store.demandes(caller.role.type === 'cpas' ? caller.role.cpas : undefined) } };
      },
    },
    {
      operationId: 'lireDemande',
      method: 'get',
      path: '/v1/demandes/{reference}',
      summary: 'Une demande et son état (un CPAS ne lit que les siennes, même rejetées)',
      tag: 'Demandes CPAS',
      roles: ['backoffice', 'auditor', 'cpas'],
      answer: demandeAnswerSchema,
      readsPersonalData: true,
      responses: { 200: 'La demande', 404: 'Demande inconnue (ou d’un autre CPAS)' },
      async handle({ caller, params, concerns }) {
        concerns.reference = params.reference.slice(0, 100);
        const parcoursId = await store.parcoursOfDemande(params.reference);
        if (!parcoursId) throw new HttpProblem(404, 'Demande inconnue');
        concerns.parcoursId = parcoursId;
        const view = await gateway.view(parcoursId);
        const demande = view.demandes.find((d) => d.reference === params.reference);
        if (!demande || (caller.role.type === 'cpas' && demande.cpas !== caller.role.cpas)) throw new HttpProblem(404, 'Demande inconnue');
        return { status: 200, body: { parcoursId, demande } };
      },
    },
    {
      operationId: 'journalAcces',
      method: 'get',
      path: '/v1/journal-acces',
      summary: 'Journal des accès : chaque lecture des données d’une personne, chaque requête d’un CPAS ou d’un auditeur (RGPD, art. 5 §2)',
      tag: 'Audit',
      roles: ['auditor'],
      query: accessQuerySchema,
      answer: accessJournalAnswerSchema,
      responses: { 200: 'Les entrées, dans l’ordre où elles ont été écrites', 400: 'Paramètre invalide (champ et raison)' },
      async handle({ query }) {
        const q = query as z.infer<typeof accessQuerySchema>;
        const entries = await accessJournal.list({ ...q, limit: q.limit + 1 });
        const page = entries.slice(0, q.limit);
        return { status: 200, body: { entries: page, ...(entries.length > q.limit ? { next: page.at(-1)!.id } : {}) } };
      },
    },
    {
      operationId: 'listerCpas',
      method: 'get',
      path: '/v1/cpas',
      summary: 'Registre des CPAS et de leur convention',
      tag: 'Registre',
      roles: ['backoffice', 'auditor', 'cpas'],
      answer: cpasListAnswerSchema,
      responses: { 200: 'Les CPAS' },
      async handle() {
        return { status: 200, body: { cpas: await Promise.all(registry.all().map(cpasView)) } };
      },
    },
    {
      operationId: 'lireCpas',
      method: 'get',
      path: '/v1/cpas/{numeroEntreprise}',
      summary: 'Un CPAS du registre',
      tag: 'Registre',
      roles: ['backoffice', 'auditor', 'cpas'],
      answer: cpasAnswerSchema,
      responses: { 200: 'Le CPAS', 404: 'CPAS inconnu' },
      async handle({ params }) {
        const c = registry.get(params.numeroEntreprise);
        if (!c) throw new HttpProblem(404, 'CPAS inconnu');
        return { status: 200, body: await cpasView(c) };
      },
    },
    ...CONVENTION_FACT_TYPES.map(conventionFactOperation),
    {
      operationId: 'lireMonitoring',
      method: 'get',
      path: '/v1/monitoring/{numeroEntreprise}/{annee}',
      summary: 'Chiffres du monitoring d’un CPAS pour une année civile, à ce jour pour l’année en cours (convention art. 6) : agrégats seulement, tout compte inférieur à 5 affiché « < 5 »',
      ...MONITORING,
      answer: monitoringAnswerSchema,
      responses: { ...MONITORING.responses, 200: 'Les chiffres de l’année' },
      async handle({ caller, params }) {
        const { figures } = await monitoringDemande(caller, params);
        return { status: 200, body: figures };
      },
    },
    {
      operationId: 'exporterMonitoring',
      method: 'get',
      path: '/v1/monitoring/{numeroEntreprise}/{annee}/csv',
      summary: 'Les mêmes chiffres en CSV (RFC 4180, UTF-8, une ligne d’en-tête ; une ligne par chiffre : cpas, du, au, indicateur, categorie, libelle, valeur ; « < 5 » pour un petit compte)',
      ...MONITORING,
      answer: z.string(),
      produces: { mediaType: CSV_MEDIA_TYPE, headers: { 'Content-Disposition': { description: 'Pièce jointe : monitoring-<numéro d’entreprise>-<année>.csv', pattern: '^attachment; filename="monitoring-[0-9]{10}-[0-9]{4}\\.csv"$' } } },
      responses: { ...MONITORING.responses, 200: 'Le fichier CSV des chiffres de l’année' },
      async handle({ caller, params }) {
        const { cpas, annee, figures } = await monitoringDemande(caller, params);
        return { status: 200, body: monitoringCsv(figures), headers: { 'Content-Disposition': `attachment; filename="monitoring-${cpas.numeroEntreprise}-${annee}.csv"` } };
      },
    },
    {
      operationId: 'rapportMonitoring',
      method: 'get',
      path: '/v1/monitoring/{numeroEntreprise}/{annee}/rapport',
      summary: 'Rapport de l’année (page HTML en français, graphiques, imprimable en PDF) pour le compte-rendu de l’évaluation annuelle (convention art. 5, 6)',
      ...MONITORING,
      answer: z.string(),
      produces: { mediaType: HTML_MEDIA_TYPE, headers: { 'Content-Security-Policy': { description: 'Aucun script ni chargement ; les styles de la page autorisés par leur empreinte', pattern: "^default-src 'none'; " } } },
      responses: { ...MONITORING.responses, 200: 'La page du rapport' },
      async handle({ caller, params }) {
        const { cpas, annee, figures } = await monitoringDemande(caller, params);
        const html = renderRapport({ cpas, annee, figures, etabliLe: today() });
        return { status: 200, body: html, headers: { 'Content-Security-Policy': politiqueDuRapport(html) } };
      },
    },
    {
      operationId: 'lireConvention',
      method: 'get',
      path: '/v1/conventions/{numeroEntreprise}',
      summary: 'Convention de coopération d’un CPAS : étape, dates, prochaine échéance et journal (avec base légale)',
      tag: 'Conventions',
      roles: ['backoffice', 'auditor'],
      answer: conventionAnswerSchema,
      responses: { 200: 'La convention, son journal et l’état d’envoi de ses e-mails', 404: 'Convention inconnue (aucun dossier de proposition pour ce CPAS)' },
      async handle({ params }) {
        const cpas = enterpriseNumberSchema.safeParse(params.numeroEntreprise);
        if (!cpas.success) throw new HttpProblem(404, 'Convention inconnue', 'numéro d’entreprise invalide');
        const etat = await conventions.gateway.etat(cpas.data);
        return { status: 200, body: { convention: conventionViewOf(etat, Date.now()), journal: await conventions.store.journal(cpas.data), emails: await deliveries.deLaConvention(cpas.data) } };
      },
    },
  ];
  return ops;
}
