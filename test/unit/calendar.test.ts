/**
 * Civil Code Book 1 art. 1.7 (through AGW 09/10/2025 art. 4), hand-computed: each expected last
 * day below was worked out on a paper calendar, not with this code.
 */
import fc from 'fast-check';
import {
  addMonths,
  civilDateInBrussels,
  easterSunday,
  expiryInstant,
  fromDayNumber,
  isWorkingDay,
  lastDayOfPeriod,
  legalHolidays,
  startOfDayInBrussels,
  toDayNumber,
  type Period,
} from '../../domain/calendar';

const d = (amount: number): Period => ({ amount, unit: 'jours' });
const wd = (amount: number): Period => ({ amount, unit: 'joursOuvrables' });
const w = (amount: number): Period => ({ amount, unit: 'semaines' });
const m = (amount: number): Period => ({ amount, unit: 'mois' });

describe('last day of a legal period (Code civil art. 1.7)', () => {
  it.each<[string, string, Period, string]>([
    ['5 working days from a Friday', '2026-01-02', wd(5), '2026-01-09'],
    ['15 days ending on Easter Saturday → after Easter Monday', '2026-03-20', d(15), '2026-04-07'],
    ['1 month from 31 January → 28 February, a Saturday → Monday', '2026-01-31', m(1), '2026-03-02'],
    ['1 month from 31 January in a leap year → 29 February', '2028-01-31', m(1), '2028-02-29'],
    ['4 months from 31 October → 28 February, a Saturday → Monday', '2025-10-31', m(4), '2026-03-02'],
    ['7 months over the year end', '2026-06-15', m(7), '2027-01-15'],
    ['7 months ending on Christmas → 26 December', '2025-05-25', m(7), '2025-12-26'],
    ['3 working days over Christmas', '2025-12-24', wd(3), '2025-12-30'],
    ['7 days ending on 21 July → 22 July', '2026-07-14', d(7), '2026-07-22'],
    ['1 month ending on Ascension → Friday', '2026-04-14', m(1), '2026-05-15'],
    ['1 month ending on Whit Monday → Tuesday', '2026-04-25', m(1), '2026-05-26'],
    ['2 days from Christmas Eve keep two working days', '2026-12-24', d(2), '2026-12-29'],
    ['1 week: same weekday', '2026-10-28', w(1), '2026-11-04'],
    ['2 weeks ending on 11 November → 12 November', '2026-10-28', w(2), '2026-11-12'],
    ['15 days ending on All Saints’ Day, a Sunday → Monday', '2026-10-17', d(15), '2026-11-02'],
    ['15 working days over New Year', '2026-12-18', wd(15), '2027-01-12'],
    ['3 months from 30 November → 28 February 2027, a Sunday → 1 March', '2026-11-30', m(3), '2027-03-01'],
    ['1 day ending on a Saturday → Monday', '2026-01-09', d(1), '2026-01-12'],
    ['1 May, a Friday → Monday 4 May', '2026-04-01', m(1), '2026-05-04'],
    ['15 August, a Saturday → Monday 17 August', '2026-08-01', d(14), '2026-08-17'],
  ])('%s', (_label, from, period, expected) => {
    expect(lastDayOfPeriod(from, period)).toBe(expected);
  });
});

describe('Belgian legal holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the ten holidays of 2026 with the movable ones from Easter', () => {
    expect(legalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25',
      '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  it('no holiday and no weekend day is a working day', () => {
    for (const year of [2025, 2026, 2027, 2028]) for (const h of legalHolidays(year)) expect(isWorkingDay(h.date)).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });
});

describe('months', () => {
  it('keep the day number or fall back to the month’s last day', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('instants in Europe/Brussels', () => {
  it.each([
    ['2026-03-28', '2026-03-28T23:00:00.000Z'], // 29 March 00:00 is still winter time
    ['2026-03-29', '2026-03-29T22:00:00.000Z'], // 30 March 00:00 is summer time
    ['2026-10-24', '2026-10-24T22:00:00.000Z'], // 25 October 00:00 is still summer time
    ['2026-10-25', '2026-10-25T23:00:00.000Z'],
    ['2026-12-31', '2026-12-31T23:00:00.000Z'],
  ])('a period whose last day is %s runs out at %s', (lastDay, instant) => {
    expect(new Date(expiryInstant(lastDay)).toISOString()).toBe(instant);
  });

  const brusselsWallClock = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });

  it('midnight agrees with the IANA time-zone database for every day from 1996 to 2060', () => {
    for (let n = toDayNumber('1996-01-01'); n <= toDayNumber('2060-12-31'); n++) {
      const date = fromDayNumber(n);
      const parts = Object.fromEntries(brusselsWallClock.formatToParts(new Date(startOfDayInBrussels(date))).map((p) => [p.type, p.value]));
      expect(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`).toBe(`${date} 00:00`);
    }
  });

  it('civilDateInBrussels inverts startOfDayInBrussels at every minute of a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2099-12-31') }), fc.integer({ min: 0, max: 24 * 60 - 1 }), (n, minute) => {
        const date = fromDayNumber(n);
        const start = startOfDayInBrussels(date);
        const end = startOfDayInBrussels(fromDayNumber(n + 1));
        const t = start + Math.floor(((end - start) * minute) / (24 * 60));
        return civilDateInBrussels(t) === date;
      }),
    );
  });
});

describe('properties of legal periods', () => {
  const date = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2099-12-31') }).map(fromDayNumber);
  const unit = fc.constantFrom<Period['unit']>('jours', 'joursOuvrables', 'semaines', 'mois');
  const period = fc.record({ amount: fc.integer({ min: 1, max: 24 }), unit });

  it('ends after the start, on a working day', () => {
    fc.assert(
      fc.property(date, period, (from, p) => {
        const last = lastDayOfPeriod(from, p);
        return last > from && isWorkingDay(last);
      }),
    );
  });

  it('a longer period never ends earlier', () => {
    fc.assert(
      fc.property(date, period, (from, p) => lastDayOfPeriod(from, { ...p, amount: p.amount + 1 }) >= lastDayOfPeriod(from, p)),
    );
  });

  it('runs out at 00:00 Brussels time of the day after its last day', () => {
    fc.assert(
      fc.property(date, period, (from, p) => {
        const last = lastDayOfPeriod(from, p);
        const instant = expiryInstant(last);
        return civilDateInBrussels(instant) > last && civilDateInBrussels(instant - 1) === last;
      }),
    );
  });
});
