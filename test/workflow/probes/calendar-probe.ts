/** A workflow that computes legal dates inside the Temporal sandbox, for comparison with Node. */
import { civilDateInBrussels, expiryInstant, lastDayOfPeriod, legalHolidays, type Period } from '../../../domain/calendar';

export interface ProbeCase {
  from: string;
  period: Period;
}

export interface ProbeResult {
  lastDays: string[];
  expiries: number[];
  holidays: string[];
  todayInBrussels: string;
  workflowNow: number;
}

export async function calendarProbe(cases: ProbeCase[], years: number[]): Promise<ProbeResult> {
  const lastDays = cases.map((c) => lastDayOfPeriod(c.from, c.period));
  return {
    lastDays,
    expiries: lastDays.map(expiryInstant),
    holidays: years.flatMap((y) => legalHolidays(y).map((h) => h.date)),
    todayInBrussels: civilDateInBrussels(Date.now()),
    workflowNow: Date.now(),
  };
}
