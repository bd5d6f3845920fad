/**
 * The convention timers' test (test/workflow/convention-timers.test.ts) moves its hand-computed
 * dates of 2028–2030 by 28 years once they are past: checked here, so that the test does not
 * depend on today's date and its dates stay right when moved.
 */
import { addDays, isLeapYear, isLegalHoliday, isoWeekday } from '../../domain/calendar';
import { finDuPreavis, rappelsDe } from '../../domain/convention/echeances';
import { decalageVers, decaler } from '../helpers/cycle';

describe('dates moved by whole 28-year cycles', () => {
  it('picks the first cycle whose first date is still ahead, whatever today is', () => {
    expect(decalageVers('2028-02-29', '2026-11-24', '2030-06-18')).toBe(0);
    expect(decalageVers('2028-02-29', '2028-02-28', '2030-06-18')).toBe(0);
    expect(decalageVers('2028-02-29', '2028-02-29', '2030-06-18')).toBe(28);
    expect(decalageVers('2028-02-29', '2041-07-01', '2030-06-18')).toBe(28);
    expect(decalageVers('2028-02-29', '2056-03-01', '2030-06-18')).toBe(56);
    expect(() => decalageVers('2028-02-29', '2084-03-01', '2030-06-18')).toThrow(/before 2100/);
  });

  it('keeps the weekdays, the 29 February and the end of the notice of the test’s dates in 2056 and 2084', () => {
    for (const annees of [28, 56]) {
      for (let d = '2028-01-01'; d <= '2030-12-31'; d = addDays(d, 1)) expect([d, isoWeekday(decaler(d, annees))]).toEqual([d, isoWeekday(d)]);
      expect(isLeapYear(2028 + annees)).toBe(true);
      // What the workflow test waits for: the reminders of two anniversaries, the notice's end (Easter-bound holidays aside).
      const signature = decaler('2028-02-29', annees);
      expect([1, 2].flatMap((n) => rappelsDe(signature, n).map((r) => r.date))).toEqual(['2029-01-29', '2029-02-28', '2030-01-29', '2030-02-28'].map((d) => decaler(d, annees)));
      expect(finDuPreavis(decaler('2030-03-15', annees))).toBe(decaler('2030-06-17', annees));
      expect(isLegalHoliday(decaler('2030-06-17', annees))).toBe(false);
    }
  });
});
