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
import type { Db } from './database';

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
  private readonly select;
  private readonly reserveRow;
  private readonly takeOver;
  private readonly complete;
  private readonly release;
  private readonly deleteExpired;
  private readonly count;
  private readonly retentionMs: number;
  private readonly abandonedAfterMs: number;
  private readonly now: () => number;
  private lastPurge = 0;

  constructor(db: Db, options: IdempotencyOptions = {}) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.abandonedAfterMs = options.abandonedAfterMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.select = db.prepare(`SELECT fingerprint, status, body, created_at FROM idempotency WHERE caller = ? AND key = ? AND created_at >= ?`);
    this.reserveRow = db.prepare(`INSERT INTO idempotency (caller, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, NULL, NULL, ?) ON CONFLICT (caller, key) DO NOTHING`);
    // An expired record, or an abandoned reservation of the same request, is replaced in one statement.
    this.takeOver = db.prepare(
      `UPDATE idempotency SET fingerprint = ?, status = NULL, body = NULL, created_at = ?
       WHERE caller = ? AND key = ? AND (created_at < ? OR (status IS NULL AND fingerprint = ? AND created_at < ?))`,
    );
    this.complete = db.prepare(`UPDATE idempotency SET status = ?, body = ? WHERE caller = ? AND key = ? AND status IS NULL`);
    this.release = db.prepare(`DELETE FROM idempotency WHERE caller = ? AND key = ? AND status IS NULL`);
    this.deleteExpired = db.prepare(`DELETE FROM idempotency WHERE created_at < ?`);
    this.count = db.prepare(`SELECT count(*) AS n FROM idempotency`);
  }

  /** Reserves (caller, key) for a request whose hash is `fingerprint`, or says what holds it. */
  reserve(caller: string, key: string, fingerprint: string): Reservation {
    const now = this.now();
    this.purge(now);
    const at = new Date(now).toISOString();
    const expired = new Date(now - this.retentionMs).toISOString();
    const abandoned = new Date(now - this.abandonedAfterMs).toISOString();
    // A record released by its owner between two statements is retried, a few times at most.
    for (let attempt = 0; ; attempt++) {
      if (this.reserveRow.run(caller, key, fingerprint, at).changes === 1) return { type: 'reserved' };
      if (this.takeOver.run(fingerprint, at, caller, key, expired, fingerprint, abandoned).changes === 1) return { type: 'reserved' };
      const found = this.find(caller, key);
      if (found || attempt >= 3) return found ?? { type: 'pending', fingerprint };
    }
  }

  /** The record of (caller, key) as it stands, unless expired. */
  find(caller: string, key: string): Exclude<Reservation, { type: 'reserved' }> | undefined {
    const expired = new Date(this.now() - this.retentionMs).toISOString();
    const row = this.select.get(caller, key, expired) as { fingerprint: string; status: number | null; body: string | null } | undefined;
    if (!row) return undefined;
    if (row.status === null) return { type: 'pending', fingerprint: row.fingerprint };
    return { type: 'done', answer: { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body ?? 'null') } };
  }

  /** Stores the answer of a reserved request. */
  put(caller: string, key: string, answer: Omit<StoredAnswer, 'fingerprint'>): void {
    this.complete.run(answer.status, JSON.stringify(answer.body), caller, key);
  }

  /** Gives a reservation up (the work failed before any answer): a retry may do it. */
  abandon(caller: string, key: string): void {
    this.release.run(caller, key);
  }

  private purge(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.deleteExpired.run(new Date(now - this.retentionMs).toISOString());
  }

  size(): number {
    return (this.count.get() as { n: number }).n;
  }
}
