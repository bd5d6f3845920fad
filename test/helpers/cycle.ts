/**
 * Dates hand-computed for one year, moved to a year that is still ahead of a clock that starts
 * at today's date (the time-skipping server's). The Gregorian calendar repeats every 28 years
 * while no century year breaks the leap-year rule (1901–2099): same leap years, same weekdays.
 * Moved dates are only as good as that, plus what a test checks in test/unit/cycle.test.ts (the
 * legal holidays around its dates, which follow Easter and do not repeat).
 */
import type { CivilDate } from '../../domain/calendar';

export const CYCLE_ANNEES = 28;

/** Years to add to every date so that `premiere` falls after `aujourdHui`: 0, 28, 56… */
export function decalageVers(premiere: CivilDate, aujourdHui: CivilDate, derniere: CivilDate = premiere): number {
  let annees = 0;
  while (decaler(premiere, annees) <= aujourdHui) annees += CYCLE_ANNEES;
  if (Number(decaler(derniere, annees).slice(0, 4)) > 2099) throw new Error(`no 28-year cycle of ${premiere} is left before 2100: compute the test's dates afresh`);
  return annees;
}

export const decaler = (date: CivilDate, annees: number): CivilDate => `${Number(date.slice(0, 4)) + annees}${date.slice(4)}`;
