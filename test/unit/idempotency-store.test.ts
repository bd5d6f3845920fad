/**
 * Idempotency records on a real SQLite database (issue 11): the key is reserved before the work,
 * answered once, given back when the work failed, taken over when its process died, and
 * forgotten after the retention period (Decision: 7 days, configurable).
 */
import { openDatabase, type Db } from '../../lib/database';
import { IdempotencyStore } from '../../lib/idempotency-store';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');

describe('IdempotencyStore', () => {
  let db: Db;
  let now = T0;
  beforeEach(() => {
    db = openDatabase(':memory:');
    now = T0;
  });
  afterEach(() => db.close());
  const store = (retentionDays = 7) => new IdempotencyStore(db, { retentionMs: retentionDays * DAY, abandonedAfterMs: 120_000, now: () => now });

  it('one reservation wins; the others see it pending, then answered', () => {
    const s = store();
    expect(s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
    expect(s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'pending', fingerprint: 'f1' });
    expect(s.reserve('bo', 'k1', 'f2')).toEqual({ type: 'pending', fingerprint: 'f1' });
    expect(s.reserve('cpas', 'k1', 'f1')).toEqual({ type: 'reserved' }); // keys are per caller
    s.put('bo', 'k1', { status: 200, body: { ok: true } });
    expect(s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'done', answer: { fingerprint: 'f1', status: 200, body: { ok: true } } });
  });

  it('a reservation given back (the work failed) can be taken again', () => {
    const s = store();
    s.reserve('bo', 'k1', 'f1');
    s.abandon('bo', 'k1');
    expect(s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
  });

  it('an abandoned reservation (its process died) is taken over by the same request after two minutes, never by another', () => {
    const s = store();
    s.reserve('bo', 'k1', 'f1');
    now = T0 + 119_000;
    expect(s.reserve('bo', 'k1', 'f1').type).toBe('pending');
    now = T0 + 121_000;
    expect(s.reserve('bo', 'k1', 'f2').type).toBe('pending');
    expect(s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
  });

  it.each([7, 2])('an answer is kept %i days, then forgotten and its key free again', (days) => {
    const s = store(days);
    s.reserve('bo', 'k1', 'f1');
    s.put('bo', 'k1', { status: 200, body: {} });
    now = T0 + days * DAY - 1;
    expect(s.find('bo', 'k1')?.type).toBe('done');
    now = T0 + days * DAY + 1;
    expect(s.find('bo', 'k1')).toBeUndefined();
    expect(s.reserve('bo', 'k1', 'f2')).toEqual({ type: 'reserved' });
  });

  it('expired records are deleted, not only ignored', () => {
    const s = store();
    for (const k of ['a', 'b', 'c']) {
      s.reserve('bo', k, 'f');
      s.put('bo', k, { status: 200, body: {} });
    }
    now = T0 + 8 * DAY;
    s.reserve('bo', 'd', 'f');
    expect(s.size()).toBe(1);
  });
});
