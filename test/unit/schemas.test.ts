/**
 * The input schemas say in their patterns exactly what they accept (issue 11, points 5 and 8): a
 * date pattern matches the dates that exist in its window and nothing else, checked day by day
 * against the calendar; texts need a letter or digit and no control character.
 */
import { addDays, isCivilDate } from '../../domain/calendar';
import { birthDateSchema, civilDateSchema, FACT_SCHEMAS } from '../../api/schemas';
import { jsonDepthExceeds } from '../../api/json-depth';
import { AuthThrottle } from '../../api/auth-throttle';
import { z } from 'zod';
import { CPAS_LIEGE, makeNiss } from '../helpers/fixtures';

/** The pattern a schema publishes in the OpenAPI document. */
const patternOf = (schema: z.ZodType) => new RegExp((z.toJSONSchema(schema, { io: 'input' }) as { pattern: string }).pattern);

describe('date patterns', () => {
  it.each([
    ['fact dates', '2000-01-01', '2099-12-31', civilDateSchema],
    ['birth dates', '1920-01-01', '2029-12-31', birthDateSchema],
  ] as const)('%s: the published pattern accepts every day from %s to %s and no other', (_label, from, to, schema) => {
    const pattern = patternOf(schema);
    const wrong: string[] = [];
    for (let d = '1900-01-01'; d <= '2110-12-31'; d = addDays(d, 1)) if (pattern.test(d) !== (d >= from && d <= to)) wrong.push(d);
    expect(wrong).toEqual([]);
    // Strings that look like dates but are none.
    for (const s of ['2027-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', ' 2026-01-01', '２０２６-01-01']) {
      expect([s, pattern.test(s)]).toEqual([s, false]);
      expect(isCivilDate(s) && s >= from && s <= to).toBe(false);
    }
    expect(pattern.test('2000-02-29') || from > '2000-02-29').toBe(true); // 2000 is a leap year (divisible by 400)
  });

  it('the schema and its published pattern agree, and the refusal says why', () => {
    expect(civilDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(civilDateSchema.safeParse('9999-12-31').error?.issues[0].message).toContain('période plausible');
    expect(civilDateSchema.safeParse('2026-02-30').error?.issues[0].message).toBe('cette date n’existe pas');
    expect(civilDateSchema.safeParse('26-02-01').error?.issues[0].message).toContain('AAAA-MM-JJ');
  });
});

describe('texts', () => {
  const motif = FACT_SCHEMAS.changementCpas.shape.motif;
  it.each([
    ['blank', '   '],
    ['punctuation only', '— …'],
    ['a control character', 'déménagement\u0000'],
    ['501 characters', 'é'.repeat(501)],
  ])('refuses %s', (_label, value) => {
    expect(motif.safeParse(value).success).toBe(false);
    expect(patternOf(motif).test(value) && [...value].length <= 500).toBe(false);
  });

  it('counts characters as JSON Schema does (code points) and trims', () => {
    expect(motif.safeParse('a' + '🏠'.repeat(499)).success).toBe(true); // 999 UTF-16 units
    expect(motif.parse('  déménagement ')).toBe('déménagement');
  });
});

describe('JSON depth', () => {
  const deep = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));
  it('counts nesting, not brackets in strings', () => {
    expect(jsonDepthExceeds(deep(32), 32)).toBe(false);
    expect(jsonDepthExceeds(deep(33), 32)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify({ a: '[[[[[[[[[[', b: '\\"[[[[' })), 2)).toBe(false);
  });
});

describe('AuthThrottle', () => {
  it('blocks an address past its failures until the window ends; other addresses are unaffected', () => {
    let now = 0;
    const t = new AuthThrottle({ maxFailures: 2, windowMs: 60_000, now: () => now });
    t.failed('a');
    expect(t.retryAfter('a')).toBe(0);
    t.failed('a');
    expect(t.retryAfter('a')).toBe(60);
    expect(t.retryAfter('b')).toBe(0);
    now = 59_500;
    expect(t.retryAfter('a')).toBe(1);
    now = 60_000;
    expect(t.retryAfter('a')).toBe(0);
  });
});

describe('the inscription', () => {
  const base = { niss: makeNiss('1985-07-30'), date: '2026-01-12', canal: 'presentiel', personne: { dateNaissance: '1985-07-30', experienceProfessionnelle: true, autonomieNumerique: true }, canalPreferentiel: 'email' };
  it('names the person for the follower only when there is a follower: suiviCpas without cpas is refused on that field', () => {
    const sans = FACT_SCHEMAS.inscription.safeParse({ ...base, suiviCpas: { personne: 'Marie Dupont' } });
    expect(sans.error?.issues).toEqual([expect.objectContaining({ path: ['suiviCpas'], message: expect.stringContaining('sans cpas') })]);
    expect(FACT_SCHEMAS.inscription.safeParse({ ...base, cpas: CPAS_LIEGE, suiviCpas: { personne: 'Marie Dupont' } }).success).toBe(true);
  });
});
