/**
 * Answers already given to writes, by (caller, Idempotency-Key): a retried request gets the
 * first answer and changes nothing; the same key with another request is refused.
 *
 * The key is reserved before the work (an INSERT that only one request can win, `ON CONFLICT DO
 * NOTHING` in SQLite and PostgreSQL alike), so two concurrent requests with one key never both do
 * the work, even from two API processes sharing the database. A record keeps only what replaying
 * needs: a hash of the request, the answer's status and body. Records expire after the retention
 * period (Decision of issue 11: 7 days, configurable).
 */
import type { Db } from './db';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** What a reservation finds. */
export type Reservation =
  | { type: 'reserved' }
  /** Another request with this key is being answered. */
  | { type: 'pending'; fingerprint: string }
  | { type: 'done'; answer: StoredAnswer };

export interface IdempotencyOptions {
  /** How long an answer is kept for retries. */
  retentionMs?: number;
  /**
   * How long a reservation without an answer is honoured: past it, the process that made it is
   * taken for dead (a crash between reserving and answering) and a retry may take the key over.
   */
  abandonedAfterMs?: number;
  now?: () => number;
}

export const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;
const PURGE_EVERY_MS = 60_000;

export class IdempotencyStore {
  private readonly retentionMs: number;
  private readonly abandonedAfterMs: number;
  private readonly now: () => number;
  private lastPurge = 0;

  constructor(private readonly db: Db, options: IdempotencyOptions = {}) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.abandonedAfterMs = options.abandonedAfterMs ?? 120_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Reserves (caller, key) for a request whose hash is `fingerprint`, or says what holds it. Each
   * step is one statement whose count of rows written says who won, so that two processes racing
   * on one key (PostgreSQL's READ COMMITTED re-checks an UPDATE's condition on the row it waited
   * for) never both reserve it.
   */
  async reserve(caller: string, key: string, fingerprint: string): Promise<Reservation> {
    const now = this.now();
    await this.purge(now);
    const at = new Date(now).toISOString();
    const expired = new Date(now - this.retentionMs).toISOString();
    const abandoned = new Date(now - this.abandonedAfterMs).toISOString();
    const k = this.db.kysely;
    // A record released by its owner between two statements is retried, a few times at most.
    for (let attempt = 0; ; attempt++) {
      const inserted = await k
        .insertInto('idempotency')
        .values({ caller, key, fingerprint, status: null, body: null, created_at: at })
        .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { type: 'reserved' };
      // An expired record, or an abandoned reservation of the same request, is replaced in one statement.
      const taken = await k
        .updateTable('idempotency')
        .set({ fingerprint, status: null, body: null, created_at: at })
        .where('caller', '=', caller)
        .where('key', '=', key)
        .where((eb) => eb.or([eb('created_at', '<', expired), eb.and([eb('status', 'is', null), eb('fingerprint', '=', fingerprint), eb('created_at', '<', abandoned)])]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return { type: 'reserved' };
      const found = await this.find(caller, key);
      if (found || attempt >= 3) return found ?? { type: 'pending', fingerprint };
    }
  }

  /** The record of (caller, key) as it stands, unless expired. */
  async find(caller: string, key: string): Promise<Exclude<Reservation, { type: 'reserved' }> | undefined> {
    const expired = new Date(this.now() - this.retentionMs).toISOString();
    const row = await this.db.kysely
      .selectFrom('idempotency')
      .select(['fingerprint', 'status', 'body'])
      .where('caller', '=', caller)
      .where('key', '=', key)
      .where('created_at', '>=', expired)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.status === null) return { type: 'pending', fingerprint: row.fingerprint };
    return { type: 'done', answer: { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body ?? 'null') } };
  }

  /** Stores the answer of a reserved request. */
  async put(caller: string, key: string, answer: Omit<StoredAnswer, 'fingerprint'>): Promise<void> {
    await this.db.kysely.updateTable('idempotency').set({ status: answer.status, body: JSON.stringify(answer.body) }).where('caller', '=', caller).where('key', '=', key).where('status', 'is', null).execute();
  }

  /** Gives a reservation up (the work failed before any answer): a retry may do it. */
  async abandon(caller: string, key: string): Promise<void> {
    await this.db.kysely.deleteFrom('idempotency').where('caller', '=', caller).where('key', '=', key).where('status', 'is', null).execute();
  }

  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.db.kysely.deleteFrom('idempotency').where('created_at', '<', new Date(now - this.retentionMs).toISOString()).execute();
  }

  async size(): Promise<number> {
    const row = await this.db.kysely.selectFrom('idempotency').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
