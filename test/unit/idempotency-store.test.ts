/**
 * Idempotency records on a real SQLite database and a real PostgreSQL (issue 11, issue 13): the
 * key is reserved before the work, answered once, given back when the work failed, taken over when
 * its process died, and forgotten after the retention period (Decision: 7 days, configurable).
 */
import { openDatabase } from '../../lib/db';
import { IdempotencyStore } from '../../lib/idempotency-store';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');

describe.each(DIALECTS)('IdempotencyStore (%s)', (dialect) => {
  let database: TestDatabase;
  let now = T0;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await database.db.kysely.deleteFrom('idempotency').execute();
    now = T0;
  });
  const store = (retentionDays = 7) => new IdempotencyStore(database.db, { retentionMs: retentionDays * DAY, abandonedAfterMs: 120_000, now: () => now });

  it('one reservation wins; the others see it pending, then answered', async () => {
    const s = store();
    expect(await s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
    expect(await s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'pending', fingerprint: 'f1' });
    expect(await s.reserve('bo', 'k1', 'f2')).toEqual({ type: 'pending', fingerprint: 'f1' });
    expect(await s.reserve('cpas', 'k1', 'f1')).toEqual({ type: 'reserved' }); // keys are per caller
    await s.put('bo', 'k1', { status: 200, body: { ok: true } });
    expect(await s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'done', answer: { fingerprint: 'f1', status: 200, body: { ok: true } } });
  });

  it('of many requests with one key from two API processes at once, exactly one reserves it', async () => {
    const other = await openDatabase(database.url);
    try {
      const stores = [store(), new IdempotencyStore(other, { now: () => now })];
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2].reserve('bo', 'race', 'f1')));
      expect(results.filter((r) => r.type === 'reserved')).toHaveLength(1);
      expect(results.filter((r) => r.type === 'pending')).toHaveLength(29);
    } finally {
      await other.close();
    }
  });

  it('a reservation given back (the work failed) can be taken again', async () => {
    const s = store();
    await s.reserve('bo', 'k1', 'f1');
    await s.abandon('bo', 'k1');
    expect(await s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
  });

  it('an abandoned reservation (its process died) is taken over by the same request after two minutes, never by another', async () => {
    const s = store();
    await s.reserve('bo', 'k1', 'f1');
    now = T0 + 119_000;
    expect((await s.reserve('bo', 'k1', 'f1')).type).toBe('pending');
    now = T0 + 121_000;
    expect((await s.reserve('bo', 'k1', 'f2')).type).toBe('pending');
    expect(await s.reserve('bo', 'k1', 'f1')).toEqual({ type: 'reserved' });
  });

  it.each([7, 2])('an answer is kept %i days, then forgotten and its key free again', async (days) => {
    const s = store(days);
    await s.reserve('bo', 'k1', 'f1');
    await s.put('bo', 'k1', { status: 200, body: {} });
    now = T0 + days * DAY - 1;
    expect((await s.find('bo', 'k1'))?.type).toBe('done');
    now = T0 + days * DAY + 1;
    expect(await s.find('bo', 'k1')).toBeUndefined();
    expect(await s.reserve('bo', 'k1', 'f2')).toEqual({ type: 'reserved' });
  });

  it('expired records are deleted, not only ignored', async () => {
    const s = store();
    for (const k of ['a', 'b', 'c']) {
      await s.reserve('bo', k, 'f');
      await s.put('bo', k, { status: 200, body: {} });
    }
    now = T0 + 8 * DAY;
    await s.reserve('bo', 'd', 'f');
    expect(await s.size()).toBe(1);
  });
});
