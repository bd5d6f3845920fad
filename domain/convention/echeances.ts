/**
 * The convention's dates: anniversaries of the signature (art. 5), the reminders before them
 * (spec §12 Decision) and the end of the notice (art. 8, period per Code civil art. 1.7).
 */
import { addDays, addMonths, compareCivilDates, expiryInstant, lastDayOfPeriod, startOfDayInBrussels, type CivilDate } from '../calendar';
import { periodOf } from '../rules';
import type { ConventionState } from './model';

/**
 * The `n`-th anniversary of the signature. `addMonths` keeps the day number or takes the
 * month's last day: a signature of 29 February has its anniversary on 28 February in common
 * years and on 29 February in leap years (spec §12 Decision, as §11 does for months).
 */
export function anniversaire(signeeLe: CivilDate, n: number): CivilDate {
  return addMonths(signeeLe, 12 * n);
}

export interface Rappel {
  /** The day the reminder goes out. */
  date: CivilDate;
  anniversaire: CivilDate;
  /** Which anniversary (1 = first year). */
  annee: number;
  moment: 'avant' | 'jour';
}

/** The two reminders of the `n`-th anniversary: 30 days before, and on the day. */
export function rappelsDe(signeeLe: CivilDate, n: number): Rappel[] {
  const jour = anniversaire(signeeLe, n);
  const avance = periodOf('convention.rappel').amount;
  return [
    { date: addDays(jour, -avance), anniversaire: jour, annee: n, moment: 'avant' },
    { date: jour, anniversaire: jour, annee: n, moment: 'jour' },
  ];
}

/** The first reminder dated after `apres`, or none once the convention has ended by then. */
export function prochainRappel(state: ConventionState): Rappel | undefined {
  if (!state.signeeLe || (state.statut !== 'enVigueur' && state.statut !== 'denoncee')) return undefined;
  const apres = state.rappelsApres ?? state.signeeLe;
  for (let n = 1; ; n++) {
    const r = rappelsDe(state.signeeLe, n).find((x) => compareCivilDates(x.date, apres) > 0);
    if (!r) continue;
    // No reminder of an anniversary the convention will not reach.
    if (state.denonciation && compareCivilDates(r.anniversaire, state.denonciation.finPreavis) > 0) return undefined;
    return r;
  }
}

/** Last day of the notice: three months from the registered letter, the letter's day not counted (art. 1.7). */
export function finDuPreavis(dateCourrier: CivilDate): CivilDate {
  return lastDayOfPeriod(dateCourrier, periodOf('convention.preavis'));
}

export interface Echeance {
  type: 'rappel' | 'finPreavis';
  date: CivilDate;
  /** Epoch milliseconds at which the workflow acts. */
  expire: number;
}

/**
 * The next instant the convention acts on its own: a reminder at the start of its day (Brussels),
 * or the end of the notice at 24:00 of its last day.
 */
export function nextDeadline(state: ConventionState): Echeance | undefined {
  const candidates: Echeance[] = [];
  const r = prochainRappel(state);
  if (r) candidates.push({ type: 'rappel', date: r.date, expire: startOfDayInBrussels(r.date) });
  if (state.statut === 'denoncee' && state.denonciation) {
    candidates.push({ type: 'finPreavis', date: state.denonciation.finPreavis, expire: expiryInstant(state.denonciation.finPreavis) });
  }
  return candidates.sort((a, b) => a.expire - b.expire)[0];
}

/** Whether a CPAS with this convention may file a request on `on` (art. 8: in force from signature until the end of notice). */
export function enVigueurLe(state: { signeeLe?: CivilDate; denonciation?: { finPreavis: CivilDate } }, on: CivilDate): boolean {
  if (!state.signeeLe || compareCivilDates(state.signeeLe, on) > 0) return false;
  return !state.denonciation || compareCivilDates(on, state.denonciation.finPreavis) <= 0;
}
