/** What the API shows of a convention: its stage, dates and next deadline, not its contacts. */
import { civilDateInBrussels, type CivilDate } from '../calendar';
import { enVigueurLe, nextDeadline } from './echeances';
import type { ConventionState, Denonciation, StatutConvention } from './model';

export interface ConventionView {
  cpas: string;
  statut: StatutConvention;
  enVigueur: boolean;
  approuveeLe?: CivilDate;
  signeeLe?: CivilDate;
  evaluations: CivilDate[];
  avenants: number;
  denonciation?: Denonciation;
  prochaineEcheance?: { type: 'rappel' | 'finPreavis'; date: CivilDate };
}

export function viewOf(state: ConventionState, now: number): ConventionView {
  const next = nextDeadline(state);
  return {
    cpas: state.cpas,
    statut: state.statut,
    enVigueur: enVigueurLe(state, civilDateInBrussels(now)),
    ...(state.approuveeLe ? { approuveeLe: state.approuveeLe } : {}),
    ...(state.signeeLe ? { signeeLe: state.signeeLe } : {}),
    evaluations: state.evaluations,
    avenants: state.avenants,
    ...(state.denonciation ? { denonciation: state.denonciation } : {}),
    ...(next ? { prochaineEcheance: { type: next.type, date: next.date } } : {}),
  };
}
