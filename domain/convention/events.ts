/** The facts of a convention's life, as the back-office records them (spec §12; seed 001 art. 5, 8). */
import type { CivilDate } from '../calendar';
import type { Proposition } from './model';

interface Fact<T extends string> {
  type: T;
  /** Caller-chosen id: a retried fact is decided once. */
  id: string;
  date: CivilDate;
}

export type ConventionFact =
  | (Fact<'proposition'> & { proposition: Proposition })
  | (Fact<'approbation'> & { comite: string })
  | Fact<'signature'>
  | (Fact<'evaluation'> & { compteRendu: string })
  | (Fact<'avenant'> & { objet: string })
  | (Fact<'denonciation'> & { par: 'forem' | 'cpas'; motif: string });

export type ConventionFactType = ConventionFact['type'];

export const CONVENTION_FACT_TYPES = ['proposition', 'approbation', 'signature', 'evaluation', 'avenant', 'denonciation'] as const satisfies readonly ConventionFactType[];

export type ConventionEvent = ConventionFact | { type: 'horloge' };
