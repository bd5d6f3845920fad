/**
 * The parcours of one chercheur d'emploi as plain JSON: what the workflow carries across
 * continue-as-new and what an auditor reads back. No Map, no Date, no class.
 */
import type { CivilDate } from '../calendar';
import type { LegalBasis, RegimeId, RuleId } from '../rules';

export type Canal = 'enLigne' | 'telephone' | 'presentiel';

/** Art. 16 §1: the four types of accompaniment. */
export type TypeAccompagnement = 'digitalInteractif' | 'enLigneAvecConseiller' | 'axeMetier' | 'multidimensionnel';

export type Statut = 'nonInscrit' | 'inscrit' | 'suspendu' | 'desinscrit' | 'cloture';

export interface Personne {
  dateNaissance: CivilDate;
  /** Art. 20 §2: student jobs do not count. */
  experienceProfessionnelle: boolean;
  autonomieNumerique: boolean;
}

export interface Inscription {
  date: CivilDate;
  canal: Canal;
  /** Telephone registration is finalised once the identity is authenticated (art. 5 §2). */
  authentifiee: boolean;
}

export interface Accompagnement {
  type: TypeAccompagnement;
  depuis: CivilDate;
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
  | 'changement-accompagnement';

/** An e-mail to the CPAS that follows the person; `key` makes its Message-ID and dossier line unique. */
export interface EmailIntent {
  key: string;
  template: EmailTemplate;
  cpas: string;
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
  accompagnement?: Accompagnement;
  /** Enterprise number of the CPAS that follows the person, if any. */
  cpas?: string;
  echeances: Echeance[];
  /** Number of dossier entries written so far; the next entry gets `journalSeq + 1`. */
  journalSeq: number;
  /** Ids of events already applied, so a duplicate is applied once. */
  eventIds: string[];
  /** The latest dossier entries, for the query (the full journal lives in the database). */
  recent: DossierEntry[];
}

export type Effect =
  | { type: 'dossier'; entry: DossierEntry }
  | { type: 'email'; email: EmailIntent };

export interface Decision {
  state: ParcoursState;
  effects: Effect[];
}

export function initialState(parcoursId: string): ParcoursState {
  return { parcoursId, statut: 'nonInscrit', regime: 'aocs-2025', echeances: [], journalSeq: 0, eventIds: [], recent: [] };
}
