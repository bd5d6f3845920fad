/**
 * zod schemas of every answer of the API. The operations return values of these types, the
 * OpenAPI document describes each 200 with them, and the contract test (schemathesis) checks the
 * answers against that document. Type assertions at the end tie them to the domain's types, so a
 * field added to a view fails the build until it is described here.
 */
import { z } from 'zod';
import type { DossierEntry, ParcoursView } from '../domain/parcours';
import { RULES, type RegimeId, type RuleId } from '../domain/rules';
import type { AccessEntry } from '../lib/access-journal';
import type { DossierLine } from '../lib/dossier-store';
import type { ConventionView } from '../domain/convention';
import type { ConventionLine } from '../lib/convention-store';
import type { Monitoring } from '../lib/monitoring';

const dateCivile = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/).meta({ description: 'Date civile (Europe/Brussels)' });
const instant = z.string().meta({ description: 'Instant ISO 8601 (UTC)', format: 'date-time' });
const data = z.record(z.string(), z.unknown()).meta({ description: 'Données propres à la ligne' });

const regime = z.enum(['aocs-2025', 'anterieur'] as const satisfies readonly RegimeId[]);
const ruleId = z.enum(Object.keys(RULES) as [RuleId, ...RuleId[]]);

const legalBasis = z.object({ ruleId, basis: z.string(), regime }).meta({ description: 'La règle appliquée et sa base légale' });

export const dossierEntrySchema = z.object({
  seq: z.number().int(),
  date: dateCivile,
  kind: z.enum(['fait', 'decision', 'elementDefavorable', 'signalAlerte', 'transmission']),
  code: z.string(),
  resume: z.string(),
  eventId: z.string().optional(),
  legalBasis: legalBasis.optional(),
  data: data.optional(),
});

const demande = z.object({
  reference: z.string(),
  cpas: z.string(),
  deposeeLe: dateCivile,
  statut: z.enum(['ouverte', 'traitee', 'rejetee', 'cloturee', 'arretee']),
  besoin: z.enum(['orientation', 'formation', 'rechercheEmploi', 'accompagnementSocioProfessionnel', 'validationCompetences']),
  conseillerReference: z.boolean(),
  rendezVous: z.object({ service: z.string(), date: dateCivile, lieu: z.string() }).optional(),
  motifRejet: z.string().optional(),
});

export const parcoursViewSchema = z
  .object({
    parcoursId: z.string(),
    statut: z.enum(['nonInscrit', 'inscrit', 'suspendu', 'desinscrit', 'cloture']),
    regime,
    canal: z.string().optional(),
    dateInscription: dateCivile.optional(),
    accompagnement: z.object({ type: z.enum(['digitalInteractif', 'enLigneAvecConseiller', 'axeMetier', 'multidimensionnel']), depuis: dateCivile }).optional(),
    cpas: z.string().optional().meta({ description: 'Le CPAS qui suit la personne (pour un CPAS, présent seulement s’il est ce CPAS)' }),
    demandes: z.array(demande),
    echeances: z.array(z.object({ rule: ruleId, label: z.string(), basis: z.string(), depuis: dateCivile, dernierJour: dateCivile, expire: instant })),
    historique: z.array(dossierEntrySchema).meta({ description: 'Les dernières lignes du dossier' }),
  })
  .meta({ description: 'L’état du parcours ; un CPAS qui n’a fait qu’une demande n’en voit que ce qui concerne sa demande' });

export const dossierLineSchema = z.object({
  key: z.string(),
  date: dateCivile,
  kind: z.string().meta({ description: 'fait, decision, elementDefavorable, signalAlerte, transmission ou message (e-mail envoyé)' }),
  code: z.string(),
  resume: z.string(),
  eventId: z.string().optional(),
  ruleId: z.string().optional(),
  basis: z.string().optional(),
  regime: z.string().optional(),
  data: data.optional(),
  recordedAt: instant,
  annuleePar: z.string().optional().meta({ description: 'Clé de la ligne `rectification.annulation` qui a annulé celle-ci (fait tardif, spec §11) ; la ligne elle-même n’est jamais réécrite' }),
});

/** A fact recorded: the dossier lines it produced, with their legal basis, and the state after it. */
/** What a CPAS whose only request was rejected reads of the parcours: its request, nothing of the person (spec §10). */
const vueSansAccesSchema = parcoursViewSchema.omit({ statut: true, regime: true }).meta({ description: 'Pour un CPAS dont la seule demande a été rejetée : sa demande, rien de la personne (ni statut ni régime)' });

export const factAnswerSchema = z.object({ parcoursId: z.string(), eventId: z.string(), dossier: z.array(dossierEntrySchema), etat: z.union([parcoursViewSchema, vueSansAccesSchema]) });

/** One e-mail's delivery state (issue 13 §4): the recipient by its kind and CPAS, never an address. */
export const emailDeliverySchema = z
  .object({
    cle: z.string().meta({ description: 'La clé de l’e-mail ; sa ligne du dossier, une fois envoyé, est `m:<cle>`' }),
    modele: z.string(),
    destinataire: z.enum(['cpas', 'serviceControle', 'contactConvention']),
    cpas: z.string().optional().meta({ description: 'Le CPAS destinataire (numéro d’entreprise)' }),
    etat: z.enum(['enAttente', 'envoye', 'echec']).meta({ description: 'enAttente : première tentative en cours ; echec : la dernière tentative a échoué, réessayé jusqu’à l’envoi ; envoye' }),
    tentatives: z.number().int().min(1),
    derniereErreur: z.string().optional().meta({ description: 'La raison du dernier échec (code et réponse du serveur SMTP, sans adresse)' }),
    premiereTentative: instant,
    derniereTentative: instant,
    envoyeLe: instant.optional(),
  })
  .meta({ description: 'L’état d’envoi d’un e-mail' });

export const parcoursAnswerSchema = parcoursViewSchema.extend({
  dossier: z.array(dossierLineSchema).meta({ description: 'Le dossier unique, lignes visibles par l’appelant' }),
  emails: z.array(emailDeliverySchema).meta({ description: 'Les e-mails du parcours et leur état d’envoi (pour un CPAS, ceux qui lui ont été adressés)' }),
});

export const rechercheAnswerSchema = z.object({ parcoursId: z.string() });

/** Temporal's history as proto JSON: described loosely, it is Temporal's format, not ours. */
export const historiqueAnswerSchema = z.looseObject({ events: z.array(z.looseObject({})) }).meta({ description: 'Historique Temporal (proto JSON), tel que `npm run audit` le lit' });

export const demandesAnswerSchema = z.object({
  demandes: z.array(z.object({ reference: z.string(), parcoursId: z.string(), cpas: z.string(), date: dateCivile, besoin: z.string() })),
});

export const demandeAnswerSchema = z.object({ parcoursId: z.string(), demande });

const cpas = z.object({
  numeroEntreprise: z.string(),
  nom: z.string(),
  contact: z.object({ nom: z.string(), email: z.string() }),
  conventionSignee: dateCivile,
  conventionTerminee: dateCivile.optional(),
  conventionEnVigueur: z.boolean(),
});
export const cpasAnswerSchema = cpas;
export const cpasListAnswerSchema = z.object({ cpas: z.array(cpas) });

export const accessEntrySchema = z.object({
  id: z.number().int(),
  at: instant,
  requestId: z.string(),
  caller: z.string().meta({ description: 'Identifiant de la clé d’API' }),
  role: z.string().meta({ description: '`backoffice`, `auditor` ou `cpas:<numéro d’entreprise>`' }),
  operation: z.string().meta({ description: 'operationId de l’opération appelée' }),
  parcoursId: z.string().optional(),
  reference: z.string().optional(),
  status: z.number().int(),
  outcome: z.enum(['granted', 'denied', 'notFound', 'refused', 'invalid', 'failed']),
});
export const accessJournalAnswerSchema = z.object({
  entries: z.array(accessEntrySchema),
  next: z.number().int().optional().meta({ description: 'À passer en `after` pour la page suivante' }),
});

export const healthAnswerSchema = z.object({ status: z.literal('ok') });
export const readyAnswerSchema = z.object({ status: z.enum(['ready', 'unavailable']), checks: z.record(z.string(), z.string()) });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .meta({ description: 'RFC 9457 : le champ et la raison de chaque erreur' });

// The convention (spec §12).
const conventionViewSchema = z.object({
  cpas: z.string(),
  statut: z.enum(['proposee', 'approuvee', 'enVigueur', 'denoncee', 'terminee']),
  enVigueur: z.boolean().meta({ description: 'Le CPAS peut introduire des demandes aujourd’hui (de la signature à la fin du préavis, art. 8)' }),
  approuveeLe: dateCivile.optional(),
  signeeLe: dateCivile.optional(),
  evaluations: z.array(dateCivile),
  avenants: z.number().int(),
  denonciation: z.object({ dateCourrier: dateCivile, par: z.enum(['forem', 'cpas']), motif: z.string(), finPreavis: dateCivile }).optional(),
  prochaineEcheance: z.object({ type: z.enum(['rappel', 'finPreavis']), date: dateCivile }).optional(),
});
const conventionLineSchema = z.object({
  key: z.string(),
  date: dateCivile,
  code: z.string(),
  resume: z.string(),
  eventId: z.string().optional(),
  ruleId: z.string().optional(),
  basis: z.string().optional(),
  data: data.optional(),
  recordedAt: instant,
});
export const conventionAnswerSchema = z.object({
  convention: conventionViewSchema,
  journal: z.array(conventionLineSchema),
  emails: z.array(emailDeliverySchema).meta({ description: 'Les e-mails de la convention à ses personnes de contact (rappels d’évaluation, préavis, fin) et leur état d’envoi' }),
});
export const conventionFaitAnswerSchema = z.object({ eventId: z.string(), convention: conventionViewSchema, journal: z.array(conventionLineSchema) });

// The monitoring figures (convention art. 6): counts below 5 are « < 5 ».
const compte = z.union([z.number().int(), z.literal('< 5')]);
export const monitoringAnswerSchema = z.object({
  cpas: z.string(),
  du: dateCivile,
  au: dateCivile,
  personnesOrientees: compte,
  demandes: compte,
  demandesParBesoin: z.record(z.string(), compte),
  issues: z.object({ acceptees: compte, traitees: compte, cloturees: compte, arretees: compte, rejetees: compte }),
  rejetsParMotif: z.record(z.string(), compte).meta({ description: 'Par règle de rejet (docs/rules.md)' }),
  delaiRendezVous: z.object({ demandes: compte, medianeJours: z.number().int().nullable(), p90Jours: z.number().int().nullable() }),
  avertissementsAbsence: compte,
  suspensions: compte,
  demandesReprise: compte,
  profil: z.object({ trancheAge: z.record(z.string(), compte), niveauEtudes: z.record(z.string(), compte), genre: z.record(z.string(), compte) }).meta({ description: 'Personnes orientées par tranche d’âge, niveau d’études et genre (« nonRenseigne » quand la demande ne le dit pas)' }),
});

// The schemas describe exactly the domain's and the stores' types, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T | undefined => undefined;
same<Same<z.infer<typeof parcoursViewSchema>, ParcoursView>>();
same<Same<z.infer<typeof dossierEntrySchema>, DossierEntry>>();
same<Same<z.infer<typeof dossierLineSchema>, DossierLine>>();
same<Same<z.infer<typeof accessEntrySchema>, AccessEntry>>();
same<Same<z.infer<typeof conventionViewSchema>, ConventionView>>();
same<Same<z.infer<typeof conventionLineSchema>, ConventionLine>>();
same<Same<z.infer<typeof monitoringAnswerSchema>, Monitoring>>();
