/**
 * The parcours of one chercheur d'emploi as plain JSON: what the workflow carries across
 * continue-as-new and what an auditor reads back. No Map, no Date, no class.
 */
import type { CivilDate } from '../calendar';
import type { LegalBasis, RegimeId, RuleId } from '../rules';
import type { Fenetre } from './rectification';

export type Canal = 'enLigne' | 'telephone' | 'presentiel';

/** Art. 9 §1: the channel through which the CE is preferably solicited. */
export type CanalPreferentiel = 'sms' | 'email' | 'courrier' | 'espacePersonnel';

/** Art. 16 §1: the four types of accompaniment. */
export type TypeAccompagnement = 'digitalInteractif' | 'enLigneAvecConseiller' | 'axeMetier' | 'multidimensionnel';

/** Art. 15: employability, from the objectivated profile. */
export type Employabilite = 'elevee' | 'moyenne' | 'faible' | 'tresFaible';

/**
 * `inscrit`: registered and accompanied; `suspendu`: accompaniment suspended (art. 32);
 * `desinscrit`: registration ended, closure pending (art. 33 §1 2°); `cloture`: accompaniment closed
 * (art. 33 §1); when the closure ended the registration, a re-registration within three months
 * still resumes it (art. 33 §2–3).
 */
export type Statut = 'nonInscrit' | 'inscrit' | 'suspendu' | 'desinscrit' | 'cloture';

export interface Personne {
  dateNaissance: CivilDate;
  /** Art. 20 §2: student jobs do not count. */
  experienceProfessionnelle: boolean;
  autonomieNumerique: boolean;
  /** Young person in stage d'insertion (art. 30 §3 1°, art. 32 al. 3). */
  stageInsertion?: boolean;
  /** Beneficiary of unemployment, insertion, safeguard allowances or income guarantee (art. 30 §3 2°). */
  allocataire?: boolean;
  /** Nationality, ISO 3166-1 alpha-2 (`BE`): foreign nationals register in person only (seed 000). */
  nationalite?: string;
  /** Non mobilisable (AR 25/11/1991 art. 27 19°): no proposal owed within four months (art. 28 §2). */
  nonMobilisable?: boolean;
  /** On a trajet spécifique (AR 25/11/1991 art. 58 §1 al. 3 1°): likewise (art. 28 §2). */
  trajetSpecifique?: boolean;
}

export interface Inscription {
  date: CivilDate;
  canal: Canal;
  /** Telephone registration is finalised once the identity is authenticated (art. 5 §2). */
  authentifiee: boolean;
  /** The registration ended on this date (art. 30 §3 3°, desinscription); closure may follow. */
  fin?: CivilDate;
}

export interface Accompagnement {
  type: TypeAccompagnement;
  depuis: CivilDate;
}

/**
 * One missed sollicitation and what follows from it (art. 30, 31): its own chain, whatever came
 * before. `justification` → (admitted, foreseeable) `recontact` → `reconvocationForem`; or
 * (not admitted / none) `recommande` (a registered letter is owed) → `rendezVousRecommande` (sent,
 * appointment fixed) → absent there: `justificationRecommande` → (not admitted / none) the outcome
 * of art. 30 §3. Attending the registered appointment, or justifying either absence, ends it.
 */
export interface ChaineAbsence {
  /** Date of the missed sollicitation that opened the chain: the chain's key. */
  dateSollicitation: CivilDate;
  /** The CPAS request whose booked service was missed (seed 000: avertissement). */
  reference?: string;
  etape: 'justification' | 'recontact' | 'reconvocationForem' | 'recommande' | 'rendezVousRecommande' | 'justificationRecommande';
  /** The day the first absence became unjustified (art. 30 §1: the day after the five working days). */
  nonJustifieeLe?: CivilDate;
  /** A justification was received and not admitted: the five working days still run for a better one. */
  justificationNonAdmise?: CivilDate;
  /** The registered letter's appointment (art. 30 §2). */
  rendezVous?: CivilDate;
}

/** What the CPAS asks for: one need at a time (seed 000 « une seule demande possible »). */
export type Besoin = 'orientation' | 'formation' | 'rechercheEmploi' | 'accompagnementSocioProfessionnel' | 'validationCompetences';

/** The person's situation with regard to the public commun (convention art. 3; seed 000). */
export interface SituationCpas {
  /** Beneficiary of the revenu d'intégration or equivalent social aid. */
  beneficiaireRI: boolean;
  /** Employed under an art. 60 §7 or art. 61 contract. */
  contratArticle60ou61: boolean;
  etudiant: boolean;
  /** Re-registered as DEI at the end of an art. 60 contract: no longer public commun. */
  reinscritDEIApresArticle60: boolean;
}

/** A CPAS referral request (*demande*, seed 000 and spec §9), part of the CE's parcours. */
export interface Demande {
  reference: string;
  cpas: string;
  deposeeLe: CivilDate;
  statut: 'ouverte' | 'traitee' | 'rejetee' | 'cloturee' | 'arretee';
  besoin: Besoin;
  /** The request concerns a reference adviser: young people are then not stopped at a second absence. */
  conseillerReference: boolean;
  rendezVous?: { service: string; date: CivilDate; lieu: string };
  motifRejet?: string;
}

export interface Suspension {
  depuis: CivilDate;
  cause: 'absences' | 'nonCollaboration';
}

/** Why the accompaniment was closed (art. 33 §1, 35). */
export type CauseCloture = 'nonInoccupe' | 'nonInscription' | 'refus' | 'comportement' | 'nonCollaboration' | 'deces' | 'pension';

/**
 * Follow-up deadlines stopped by the end of registration (art. 32 al. 5: the accompaniment is
 * suspended while the person is not registered), kept so that a re-registration within three
 * months resumes them where they stood (art. 33 §3).
 */
export interface Interruption {
  /** The date the registration ended. */
  depuis: CivilDate;
  echeances: Array<Pick<Echeance, 'rule' | 'cle' | 'depuis' | 'dernierJour'>>;
}

/** A pending deadline: which rule, what it counts from, its last day and the instant it runs out. */
export interface Echeance {
  rule: RuleId;
  /** Tells apart several deadlines of one rule (one per absence chain, one per alert signal). */
  cle?: string;
  depuis: CivilDate;
  dernierJour: CivilDate;
  /** Epoch ms: 00:00 Europe/Brussels the day after `dernierJour`. */
  expire: number;
}

export type DossierKind = 'fait' | 'decision' | 'elementDefavorable' | 'signalAlerte' | 'transmission';

/** One line of the dossier unique (art. 37): append-only, numbered per parcours. */
export interface DossierEntry {
  seq: number;
  date: CivilDate;
  kind: DossierKind;
  code: string;
  resume: string;
  eventId?: string;
  legalBasis?: LegalBasis;
  data?: Record<string, unknown>;
}

export type EmailTemplate =
  | 'inscription-enregistree'
  | 'demande-traitee'
  | 'demande-rejetee'
  | 'retour-entretien'
  | 'demande-cloturee'
  | 'absence-avertissement'
  | 'demande-arretee'
  | 'reprise-possible'
  | 'changement-accompagnement'
  | 'transmission-controle'
  | 'rectification';

/**
 * An e-mail decided by the rules: to the CPAS that follows the person, or to the Service
 * contrôle. `key` makes its Message-ID and its dossier line unique.
 */
export interface EmailIntent {
  key: string;
  template: EmailTemplate;
  destinataire: { type: 'cpas'; cpas: string } | { type: 'serviceControle' };
  date: CivilDate;
  data: Record<string, string | number | boolean | null>;
  legalBasis?: LegalBasis;
  /** The key of the e-mail this one rectifies: its Message-ID goes in `References`. */
  references?: string;
  /**
   * The request this e-mail to a CPAS is about and the person as that CPAS named them in it, so
   * that the social worker can act on it (issue 15, patch `emails-cpas-nominatifs`). Kept out of
   * `data`: a window re-run compares e-mails by their data, and those sent before the patch must
   * still match.
   */
  concerne?: Concerne;
}

export interface Concerne {
  reference: string;
  /** « Prénom Nom » as the CPAS gave them; null when the request predates the patch's window. */
  personne: string | null;
}

/**
 * A CPAS request as its CPAS named the person: whom the e-mails to that CPAS are about. Only what
 * the CPAS itself gave, and only the name (the birth date stays in the request's fact).
 */
export interface DemandeNommee {
  reference: string;
  cpas: string;
  personne: string | null;
  /** Rejected because the person was not registered, no registration since: its CPAS referred the person and is told of the registration. */
  attendInscription?: boolean;
}

export interface ParcoursState {
  parcoursId: string;
  statut: Statut;
  regime: RegimeId;
  personne?: Personne;
  inscription?: Inscription;
  objectivee?: boolean;
  employabilite?: Employabilite;
  accompagnement?: Accompagnement;
  /** Date of the next monthly contact the CE was told (art. 25 §4). */
  prochainContact?: CivilDate;
  dernierContactIndividuel?: CivilDate;
  propositionFaite?: boolean;
  /** Art. 9 §1: the preferred channel, chosen at registration and changeable at any time. */
  canalPreferentiel?: CanalPreferentiel;
  /** Every absence chain still open, oldest first (art. 30, 31). */
  absences: ChaineAbsence[];
  /** Date of the latest absence, justified or not: a second within three months is a signal (art. 39). */
  derniereAbsence?: CivilDate;
  suspension?: Suspension;
  /** Allowance beneficiary transmitted to the Service contrôle: its decision decides the registration (art. 30 §3 al. 2, 35 al. 2). */
  decisionControleAttendue?: { depuis: CivilDate; motif: string };
  /** Start of employment: three months without being inoccupé close the accompaniment (art. 33 §1 1°). */
  emploiDepuis?: CivilDate;
  /** The CE asked to stay registered past the pension age, or follows a training or reorientation (art. 35 5°). */
  maintienInscription?: { depuis: CivilDate; motif: 'demande' | 'formation' | 'reorientation' };
  /** The accompaniment was closed (art. 33, 35): the cause and date. */
  cloture?: { date: CivilDate; cause: CauseCloture };
  /** The CPAS joint accompaniment was stopped (seed 000); the CPAS may ask for reprise from `repriseLe`. */
  arretCpas?: { dateSuspension: CivilDate; repriseLe: CivilDate };
  /** Enterprise number of the CPAS that follows the person, if any. */
  cpas?: string;
  /** Every CPAS request of this parcours, the open one last. */
  demandes: Demande[];
  /** The person as each requesting CPAS named them, with the requests of an earlier run that wait for a registration. Never in the view. */
  nommees?: DemandeNommee[];
  echeances: Echeance[];
  /** Deadlines interrupted by the end of registration, resumed at a re-registration (art. 33 §3). */
  interruption?: Interruption;
  /** Number of dossier entries written so far; the next entry gets `journalSeq + 1`. */
  journalSeq: number;
  /** Ids of events already applied, so a duplicate is applied once. */
  eventIds: string[];
  /** The latest dossier entries, for the query (the full journal lives in the database). */
  recent: DossierEntry[];
  /** What a late fact needs to re-decide the parcours at its date (spec §11); bounded, plain JSON. */
  fenetre?: Fenetre;
}

export type Effect = { type: 'dossier'; entry: DossierEntry } | { type: 'email'; email: EmailIntent };

export interface Decision {
  state: ParcoursState;
  effects: Effect[];
}

export function initialState(parcoursId: string): ParcoursState {
  return { parcoursId, statut: 'nonInscrit', regime: 'aocs-2025', absences: [], demandes: [], echeances: [], journalSeq: 0, eventIds: [], recent: [] };
}

export function demandeOuverte(state: ParcoursState): Demande | undefined {
  return state.demandes.find((d) => d.statut === 'ouverte' || d.statut === 'traitee');
}

/**
 * The workflow ends once nothing is left to keep: the parcours is closed, or it never became (or
 * stopped being) a registration, with no deadline and no open CPAS request pending.
 */
export function isFinished(state: ParcoursState): boolean {
  if (state.echeances.length > 0 || demandeOuverte(state) || state.decisionControleAttendue) return false;
  return state.statut === 'cloture' || (state.statut === 'nonInscrit' && state.journalSeq > 0);
}
