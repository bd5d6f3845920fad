/**
 * Civil dates and legal periods, pure and deterministic so that workflow code can use them.
 *
 * AGW 09/10/2025 art. 4: its deadlines are computed under the Civil Code, Book 1, art. 1.7.
 * A civil date is a `YYYY-MM-DD` string in Europe/Brussels; arithmetic is done on day numbers
 * (days since 1970-01-01 in the proleptic Gregorian calendar), never on `Date`, so that no
 * time zone of the host nor a daylight-saving change can move a date by one day.
 */

export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonthDay {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isCivilDate(value: string): boolean {
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseCivilDate(date: CivilDate): YearMonthDay {
  if (!isCivilDate(date)) throw new RangeError(`not a civil date (YYYY-MM-DD): ${date}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function formatCivilDate({ year, month, day }: YearMonthDay): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivilDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatCivilDate({ year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}


/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** Same day number `months` later, or that month's last day where the number does not exist. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = parseCivilDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatCivilDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0; // YYYY-MM-DD sorts lexically
}


/** Whole years of age on `on` for someone born on `birth`. */
export function ageOn(birth: CivilDate, on: CivilDate): number {
  const b = parseCivilDate(birth);
  const o = parseCivilDate(on);
  const hadBirthday = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (hadBirthday ? 0 : 1);
}

// ---------------------------------------------------------------------------------------------
// Belgian legal holidays (loi du 4 janvier 1974 relative aux jours fériés; spec §11 Decision):
// computed, never fetched.

/** Gregorian Easter Sunday (anonymous Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatCivilDate({ year, month, day });
}

export interface LegalHoliday {
  date: CivilDate;
  name: string;
}

export function legalHolidays(year: number): LegalHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => formatCivilDate({ year, month, day });
  return [
    { date: fixed(1, 1), name: "Nouvel An" },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: fixed(5, 1), name: 'Fête du Travail' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: fixed(7, 21), name: 'Fête nationale' },
    { date: fixed(8, 15), name: 'Assomption' },
    { date: fixed(11, 1), name: 'Toussaint' },
    { date: fixed(11, 11), name: 'Armistice' },
    { date: fixed(12, 25), name: 'Noël' },
  ].sort((x, y) => compareCivilDates(x.date, y.date));
}

const holidayCache = new Map<number, Set<CivilDate>>();

export function isLegalHoliday(date: CivilDate): boolean {
  const year = parseCivilDate(date).year;
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(legalHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set.has(date);
}

/** "Jour ouvrable": Monday to Friday and not a legal holiday (spec §11 Decision). */
export function isWorkingDay(date: CivilDate): boolean {
  return isoWeekday(date) <= 5 && !isLegalHoliday(date);
}

/** `date` itself if it is a working day, else the next one. */
export function onOrNextWorkingDay(date: CivilDate): CivilDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The `n`-th working day after `date` (that day not counted). */
export function addWorkingDays(date: CivilDate, n: number): CivilDate {
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

export function workingDaysBetween(fromExclusive: CivilDate, toInclusive: CivilDate): number {
  let count = 0;
  for (let d = addDays(fromExclusive, 1); d <= toInclusive; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Legal periods: Civil Code Book 1, art. 1.7, applied through AGW 09/10/2025 art. 4.

export type PeriodUnit = 'jours' | 'joursOuvrables' | 'semaines' | 'mois';

export interface Period {
  amount: number;
  unit: PeriodUnit;
  /**
   * A maximum duration of a sanction (e.g. a suspension of three months at most, art. 32 al. 2):
   * it ends on the day with the same number even on a Saturday, Sunday or holiday, because the
   * roll-over of art. 1.7 gives time to act, not a longer sanction.
   */
  sansReport?: boolean;
}

/**
 * The last day of a period that starts running the day after `from` (art. 1.7: the day of the
 * act or event is not counted). Days, weeks and months end on the day with the same number or
 * name, or the month's last day; a last day that is a Saturday, Sunday or legal holiday moves
 * to the next working day (art. 1.7). Decision of the product (issue 3), not of the Civil Code:
 * a period of two days or more keeps at least two working days, as Regulation (EEC, Euratom)
 * No 1182/71, art. 3(5), provides for EU time limits.
 */
export function lastDayOfPeriod(from: CivilDate, period: Period): CivilDate {
  const { amount, unit, sansReport } = period;
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`period amount must be a whole number ≥ 0: ${amount}`);
  if (unit === 'joursOuvrables') return addWorkingDays(from, amount);
  const nominal =
    unit === 'jours' ? addDays(from, amount) : unit === 'semaines' ? addDays(from, 7 * amount) : addMonths(from, amount);
  if (sansReport) return nominal;
  let last = onOrNextWorkingDay(nominal);
  if (unit === 'jours' && amount >= 2) {
    while (workingDaysBetween(from, last) < 2) last = onOrNextWorkingDay(addDays(last, 1));
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// Instants. A period ends at 24:00 of its last day, so its timer fires at 00:00 Europe/Brussels
// of the next day. Belgium follows the EU rule (Directive 2000/84/EC): summer time from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+2, else UTC+1.

function lastSunday(year: number, month: number): CivilDate {
  const last = formatCivilDate({ year, month, day: daysInMonth(year, month) });
  return addDays(last, -(isoWeekday(last) % 7));
}

/**
 * The last Sundays of March and October of each year, kept once computed: every conversion of an
 * instant asks for them, and each decision converts many (issue 14: a fifth of a decision's time).
 */
const summerTime = new Map<number, readonly [CivilDate, CivilDate]>();

function summerTimeOf(year: number): readonly [CivilDate, CivilDate] {
  let bounds = summerTime.get(year);
  if (!bounds) {
    bounds = [lastSunday(year, 3), lastSunday(year, 10)];
    summerTime.set(year, bounds);
  }
  return bounds;
}

/** UTC offset in hours of Brussels at 00:00 local time of `date` (no change happens at midnight). */
export function brusselsOffsetAtMidnight(date: CivilDate): number {
  const [march, october] = summerTimeOf(parseCivilDate(date).year);
  return date > march && date <= october ? 2 : 1;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** Epoch milliseconds of 00:00 Europe/Brussels on `date`. */
export function startOfDayInBrussels(date: CivilDate): number {
  return toDayNumber(date) * MS_PER_DAY - brusselsOffsetAtMidnight(date) * MS_PER_HOUR;
}

/** The instant a period whose last day is `lastDay` has run out: 00:00 Brussels the day after. */
export function expiryInstant(lastDay: CivilDate): number {
  return startOfDayInBrussels(addDays(lastDay, 1));
}

/** The Brussels civil date of an instant (epoch milliseconds). */
export function civilDateInBrussels(epochMs: number): CivilDate {
  const utcDay = Math.floor(epochMs / MS_PER_DAY);
  // The Brussels date is the UTC date or the next one; try the later first.
  for (const candidate of [fromDayNumber(utcDay + 1), fromDayNumber(utcDay)]) {
    if (startOfDayInBrussels(candidate) <= epochMs) return candidate;
  }
  return fromDayNumber(utcDay - 1);
}
