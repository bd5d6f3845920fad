/**
 * The cooperation convention between the Forem and one CPAS (spec §12; seed 001 art. 5, 6, 8;
 * seed 003 for the joint proposal). Pure data: the workflow keeps this state, the API reads it.
 */
import type { CivilDate } from '../calendar';
import type { RuleId } from '../rules';

/** A person the parties name for the cooperation (seed 003, « personnes de contact »). */
export interface Personne {
  nom: string;
  email: string;
}

/** The joint proposal file of the 2019 framework (seed 003), the convention's first stage. */
export interface Proposition {
  /** The signatory CPAS's enterprise number. */
  cpas: string;
  /** Associated CPAS (enterprise numbers), when several CPAS of a basin share the action sheets (art. 5). */
  cpasAssocies: string[];
  contacts: { cpas: Personne; forem: Personne };
  deleguesProtectionDonnees: { cpas: Personne; forem: Personne };
  publicVise: string;
  objectifs: string[];
  indicateurs: string[];
}

export type StatutConvention = 'proposee' | 'approuvee' | 'enVigueur' | 'denoncee' | 'terminee';

export interface Denonciation {
  /** Date of the registered letter (art. 8), the act from which the notice runs (Code civil art. 1.7). */
  dateCourrier: CivilDate;
  par: 'forem' | 'cpas';
  motif: string;
  /** Last day of the three months' notice: the convention is in force until the end of that day. */
  finPreavis: CivilDate;
}

export interface JournalLine {
  seq: number;
  date: CivilDate;
  code: string;
  resume: string;
  eventId?: string;
  ruleId?: RuleId;
  basis?: string;
  data?: Record<string, string | number | boolean | null>;
}

export type ConventionTemplate = 'convention-rappel-evaluation' | 'convention-fin-preavis';

/** An e-mail to one of the two contact persons. */
export interface ConventionEmail {
  key: string;
  template: ConventionTemplate;
  destinataire: Personne;
  date: CivilDate;
  data: Record<string, string | number | boolean | null>;
  legalBasis: { ruleId: RuleId; basis: string };
}

export interface ConventionState {
  /** The signatory CPAS's enterprise number: the workflow is `convention-<number>`. */
  cpas: string;
  statut: StatutConvention;
  proposition?: Proposition;
  approuveeLe?: CivilDate;
  signeeLe?: CivilDate;
  /** Reminders are due on dates after this one (the day the convention reached the workflow, or the last reminder sent). */
  rappelsApres?: CivilDate;
  evaluations: CivilDate[];
  avenants: number;
  denonciation?: Denonciation;
  journalSeq: number;
  eventIds: string[];
}

export function initialState(cpas: string): ConventionState {
  return { cpas, statut: 'proposee', evaluations: [], avenants: 0, journalSeq: 0, eventIds: [] };
}
