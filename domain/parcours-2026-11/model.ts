/**
 * The parcours of one chercheur d'emploi as plain JSON: what the workflow carries across
 * continue-as-new and what an auditor reads back. No Map, no Date, no class.
 */
import type { CivilDate } from '../calendar';
import type { LegalBasis, RegimeId, RuleId } from '../rules';

export type Canal = 'enLigne' | 'telephone' | 'presentiel';

/** Art. 16 §1: the four types of accompaniment. */
export type TypeAccompagnement = 'digitalInteractif' | 'enLigneAvecConseiller' | 'axeMetier' | 'multidimensionnel';

/** Art. 15: employability, from the objectivated profile. */
export type Employabilite = 'elevee' | 'moyenne' | 'faible' | 'tresFaible';

/**
 * `inscrit`: registered and accompanied; `suspendu`: accompaniment suspended (art. 32);
 * `desinscrit`: registration ended, closure pending (art. 33 §1 2°); `cloture`: closed.
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

/** The absence being dealt with (art. 30, 31). */
export interface AbsenceEnCours {
  /** Date of the missed sollicitation. */
  dateSollicitation: CivilDate;
  etape: 'justification' | 'recontact' | 'reconvocationForem' | 'recommande';
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

/**
 * Follow-up deadlines stopped by the end of registration (art. 32 al. 5: the accompaniment is
 * suspended while the person is not registered), kept so that a re-registration within three
 * months resumes them where they stood (art. 33 §3).
 */
export interface Interruption {
  /** The date the registration ended. */
  depuis: CivilDate;
  echeances: Array<Pick<Echeance, 'rule' | 'depuis' | 'dernierJour'>>;
}

/** A pending deadline: which rule, what it counts from, its last day and the instant it runs out. */
export interface Echeance {
  rule: RuleId;
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
  | 'transmission-controle';

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
  absence?: AbsenceEnCours;
  /** Unjustified absences since the last outcome of art. 30 §3. */
  absencesNonJustifiees: number;
  suspension?: Suspension;
  /** The CPAS joint accompaniment was stopped (seed 000); the CPAS may ask for reprise from `repriseLe`. */
  arretCpas?: { dateSuspension: CivilDate; repriseLe: CivilDate };
  /** Enterprise number of the CPAS that follows the person, if any. */
  cpas?: string;
  /** Every CPAS request of this parcours, the open one last. */
  demandes: Demande[];
  echeances: Echeance[];
  /** Deadlines interrupted by the end of registration, resumed at a re-registration (art. 33 §3). */
  interruption?: Interruption;
  /** Number of dossier entries written so far; the next entry gets `journalSeq + 1`. */
  journalSeq: number;
  /** Ids of events already applied, so a duplicate is applied once. */
  eventIds: string[];
  /** The latest dossier entries, for the query (the full journal lives in the database). */
  recent: DossierEntry[];
}

export type Effect = { type: 'dossier'; entry: DossierEntry } | { type: 'email'; email: EmailIntent };

export interface Decision {
  state: ParcoursState;
  effects: Effect[];
}

export function initialState(parcoursId: string): ParcoursState {
  return { parcoursId, statut: 'nonInscrit', regime: 'aocs-2025', absencesNonJustifiees: 0, demandes: [], echeances: [], journalSeq: 0, eventIds: [], recent: [] };
}

export function demandeOuverte(state: ParcoursState): Demande | undefined {
  return state.demandes.find((d) => d.statut === 'ouverte' || d.statut === 'traitee');
}

/**
 * The workflow ends once nothing is left to keep: the parcours is closed, or it never became (or
 * stopped being) a registration, with no deadline and no open CPAS request pending.
 */
export function isFinished(state: ParcoursState): boolean {
  if (state.echeances.length > 0 || demandeOuverte(state)) return false;
  return state.statut === 'cloture' || (state.statut === 'nonInscrit' && state.journalSeq > 0);
}
