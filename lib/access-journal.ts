/**
 * The access journal (GDPR art. 5 §2, accountability; spec §10): every read of a person's data and
 * every request by a CPAS or an auditor, with who, when, which parcours, which operation and the
 * outcome. Append-only, read by auditors. It names a person only by the pseudonymous parcoursId,
 * never by a NISS: the operations that take a NISS journal the pseudonym computed from it.
 */
import type { Db } from './database';

/** How a request ended, from its HTTP status. */
export type AccessOutcome = 'granted' | 'denied' | 'notFound' | 'refused' | 'invalid' | 'failed';

export interface AccessEntry {
  id: number;
  /** ISO 8601 instant (UTC). */
  at: string;
  requestId: string;
  /** The API key's id. */
  caller: string;
  /** `backoffice`, `auditor` or `cpas:<enterprise number>`. */
  role: string;
  /** The operationId of the OpenAPI document. */
  operation: string;
  parcoursId?: string;
  /** A CPAS request's reference, for the operations on one request. */
  reference?: string;
  status: number;
  outcome: AccessOutcome;
}

export interface AccessFilter {
  parcoursId?: string;
  caller?: string;
  /** Inclusive lower bound, ISO instant. */
  from?: string;
  /** Exclusive upper bound, ISO instant. */
  to?: string;
  /** Only entries after this id (paging). */
  after?: number;
  limit: number;
}

export function outcomeOf(status: number): AccessOutcome {
  if (status < 400) return 'granted';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 422) return 'refused';
  if (status < 500) return 'invalid';
  return 'failed';
}

interface Row {
  id: number;
  at: string;
  request_id: string;
  caller: string;
  role: string;
  operation: string;
  parcours_id: string | null;
  reference: string | null;
  status: number;
  outcome: AccessOutcome;
}

export class AccessJournal {
  private readonly insert;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.insert = db.prepare(
      `INSERT INTO access_journal (at, request_id, caller, role, operation, parcours_id, reference, status, outcome)
       VALUES (@at, @requestId, @caller, @role, @operation, @parcoursId, @reference, @status, @outcome)`,
    );
  }

  record(entry: Omit<AccessEntry, 'id' | 'outcome'>): void {
    this.insert.run({ ...entry, parcoursId: entry.parcoursId ?? null, reference: entry.reference ?? null, outcome: outcomeOf(entry.status) });
  }

  /** Entries in the order they were written, filtered; plain parameters, so PostgreSQL runs it too. */
  list(filter: AccessFilter): AccessEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filter.parcoursId !== undefined) add('parcours_id = ?', filter.parcoursId);
    if (filter.caller !== undefined) add('caller = ?', filter.caller);
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    if (filter.after !== undefined) add('id > ?', filter.after);
    const sql = `SELECT * FROM access_journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit) as Row[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      requestId: r.request_id,
      caller: r.caller,
      role: r.role,
      operation: r.operation,
      ...(r.parcours_id ? { parcoursId: r.parcours_id } : {}),
      ...(r.reference ? { reference: r.reference } : {}),
      status: r.status,
      outcome: r.outcome,
    }));
  }
}
