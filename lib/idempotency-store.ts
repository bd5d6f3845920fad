/**
 * Answers already given to writes, by (caller, Idempotency-Key): a retried request gets the
 * first answer and changes nothing; the same key with another request is refused.
 */
import type { Db } from './database';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

export class IdempotencyStore {
  private readonly select;
  private readonly insert;
  private readonly count;

  constructor(db: Db) {
    this.select = db.prepare(`SELECT fingerprint, status, body FROM idempotency WHERE caller = ? AND key = ?`);
    this.insert = db.prepare(`INSERT OR IGNORE INTO idempotency (caller, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
    this.count = db.prepare(`SELECT count(*) AS n FROM idempotency`);
  }

  get(caller: string, key: string): StoredAnswer | undefined {
    const row = this.select.get(caller, key) as { fingerprint: string; status: number; body: string } | undefined;
    return row && { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) };
  }

  put(caller: string, key: string, answer: StoredAnswer): void {
    this.insert.run(caller, key, answer.fingerprint, answer.status, JSON.stringify(answer.body), new Date().toISOString());
  }

  size(): number {
    return (this.count.get() as { n: number }).n;
  }
}
