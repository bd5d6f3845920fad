/**
 * The access journal (GDPR art. 5 §2, accountability; spec §10): every read of a person's data and
 * every request by a CPAS or an auditor, with who, when, which parcours, which operation and the
 * outcome. Append-only, read by auditors. It names a person only by the pseudonymous parcoursId,
 * never by a NISS: the operations that take a NISS journal the pseudonym computed from it.
 */
import type { Db } from './db';

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

export class AccessJournal {
  constructor(private readonly db: Db) {}

  async record(entry: Omit<AccessEntry, 'id' | 'outcome'>): Promise<void> {
    await this.db.kysely
      .insertInto('access_journal')
      .values({
        at: entry.at,
        request_id: entry.requestId,
        caller: entry.caller,
        role: entry.role,
        operation: entry.operation,
        parcours_id: entry.parcoursId ?? null,
        reference: entry.reference ?? null,
        status: entry.status,
        outcome: outcomeOf(entry.status),
      })
      .execute();
  }

  /** Entries in the order they were written, filtered. */
  async list(filter: AccessFilter): Promise<AccessEntry[]> {
    let q = this.db.kysely.selectFrom('access_journal').selectAll();
    if (filter.parcoursId !== undefined) q = q.where('parcours_id', '=', filter.parcoursId);
    if (filter.caller !== undefined) q = q.where('caller', '=', filter.caller);
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('at', '<', filter.to);
    if (filter.after !== undefined) q = q.where('id', '>', filter.after);
    const rows = await q.orderBy('id').limit(filter.limit).execute();
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
      outcome: r.outcome as AccessOutcome,
    }));
  }
}
