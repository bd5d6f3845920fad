/**
 * Reads and writes of the dossier unique. Writes insert and do nothing on a conflict of
 * (parcours, key), in SQLite and PostgreSQL alike: the workflow numbers its entries, so an
 * activity retried after a crash — or run twice by two workers — writes nothing new.
 */
import type { DossierEntry } from '../domain/parcours';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import { jsonText, type Db } from './db';
import type { DossierTable } from './db/schema';

export interface DossierLine {
  key: string;
  date: string;
  kind: string;
  code: string;
  resume: string;
  eventId?: string;
  ruleId?: string;
  basis?: string;
  regime?: string;
  data?: Record<string, unknown>;
  recordedAt: string;
  /** Key of the later line that annulled this one (a late fact, spec §11); the line itself is never rewritten. */
  annuleePar?: string;
}

/** Rows per INSERT: far below SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;

export function journalKey(seq: number): string {
  return `j:${String(seq).padStart(8, '0')}`;
}

/**
 * In SQL, the number of the journal line `alias` (`j:00000012` → 12), NULL for a message line
 * (`m:…`): guarded, because PostgreSQL, unlike SQLite, fails on casting text that is no number
 * and does not promise to test the LIKE first.
 */
export function numeroDeLigne(alias: string): RawBuilder<number | null> {
  const key = sql.ref(`${alias}.entry_key`);
  return sql<number | null>`CASE WHEN ${key} LIKE 'j:%' THEN CAST(substr(${key}, 3) AS INTEGER) END`;
}

export function messageKey(emailKey: string): string {
  return `m:${emailKey}`;
}

export class DossierStore {
  constructor(private readonly db: Db) {}

  /** Appends lines; returns how many were new. */
  async append(parcoursId: string, lines: Omit<DossierLine, 'recordedAt'>[], recordedAt = new Date().toISOString()): Promise<number> {
    if (lines.length === 0) return 0;
    const rows = lines.map((l) => ({
      parcours_id: parcoursId,
      entry_key: l.key,
      date: l.date,
      kind: l.kind,
      code: l.code,
      resume: l.resume,
      event_id: l.eventId ?? null,
      rule_id: l.ruleId ?? null,
      basis: l.basis ?? null,
      regime: l.regime ?? null,
      data: l.data ? JSON.stringify(l.data) : null,
      recorded_at: recordedAt,
    }));
    const insert = async (db: Pick<Db['kysely'], 'insertInto'>, batch: typeof rows) => {
      const r = await db
        .insertInto('dossier')
        .values(batch)
        .onConflict((oc) => oc.columns(['parcours_id', 'entry_key']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n);
    };
    // One statement is atomic by itself; more are wrapped in a transaction.
    if (rows.length <= BATCH) return insert(this.db.kysely, rows);
    return this.db.kysely.transaction().execute(async (trx) => {
      let added = 0;
      for (let i = 0; i < rows.length; i += BATCH) added += await insert(trx, rows.slice(i, i + BATCH));
      return added;
    });
  }

  /** Requests filed by CPAS, from their `demande` lines; `cpas` restricts to one CPAS. */
  async demandes(cpas?: string): Promise<Array<{ reference: string; parcoursId: string; cpas: string; date: string; besoin: string }>> {
    const d = this.db.dialect;
    let q = this.db.kysely
      .selectFrom('dossier')
      .select(['parcours_id', 'date', jsonText(d, 'data', 'reference').as('reference'), jsonText(d, 'data', 'cpas').as('cpas'), jsonText(d, 'data', 'besoin').as('besoin')])
      .where('code', '=', 'demande');
    if (cpas) q = q.where(jsonText(d, 'data', 'cpas'), '=', cpas);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({ reference: r.reference!, parcoursId: r.parcours_id, cpas: r.cpas!, date: r.date, besoin: r.besoin! }));
  }

  async parcoursOfDemande(reference: string): Promise<string | undefined> {
    const row = await this.db.kysely
      .selectFrom('dossier')
      .select('parcours_id')
      .where('code', '=', 'demande')
      .where(jsonText(this.db.dialect, 'data', 'reference'), '=', reference)
      .executeTakeFirst();
    return row?.parcours_id;
  }

  async size(): Promise<number> {
    const row = await this.db.kysely.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async has(parcoursId: string, key: string): Promise<boolean> {
    const row = await this.db.kysely.selectFrom('dossier').select('id').where('parcours_id', '=', parcoursId).where('entry_key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  /** The highest journal number written for this parcours, by any run of its workflow (0 when none). */
  async dernierNumero(parcoursId: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('dossier')
      .select((eb) => eb.fn.max('entry_key').as('k'))
      .where('parcours_id', '=', parcoursId)
      .where('entry_key', 'like', 'j:%')
      .executeTakeFirst();
    return row?.k ? Number(row.k.slice(2)) : 0;
  }

  async journal(parcoursId: string): Promise<DossierLine[]> {
    const rows = await this.db.kysely.selectFrom('dossier').selectAll().where('parcours_id', '=', parcoursId).orderBy('id').execute();
    return marquerAnnulees(rows.map(toLine));
  }
}

function toLine(r: Selectable<DossierTable>): DossierLine {
  return {
    key: r.entry_key,
    date: r.date,
    kind: r.kind,
    code: r.code,
    resume: r.resume,
    ...(r.event_id ? { eventId: r.event_id } : {}),
    ...(r.rule_id ? { ruleId: r.rule_id } : {}),
    ...(r.basis ? { basis: r.basis } : {}),
    ...(r.regime ? { regime: r.regime } : {}),
    ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
    recordedAt: r.recorded_at,
  };
}

export function toDossierLine(entry: DossierEntry): Omit<DossierLine, 'recordedAt'> {
  return {
    key: journalKey(entry.seq),
    date: entry.date,
    kind: entry.kind,
    code: entry.code,
    resume: entry.resume,
    ...(entry.eventId ? { eventId: entry.eventId } : {}),
    ...(entry.legalBasis ? { ruleId: entry.legalBasis.ruleId, basis: entry.legalBasis.basis, regime: entry.legalBasis.regime } : {}),
    ...(entry.data ? { data: entry.data } : {}),
  };
}

/** Marks each line a `rectification.annulation` line annulled, with the key of that line. */
export function marquerAnnulees(lines: DossierLine[]): DossierLine[] {
  const par = new Map<string, string>();
  for (const l of lines) if (l.code === 'rectification.annulation' && typeof l.data?.annule === 'number') par.set(journalKey(l.data.annule), l.key);
  return par.size === 0 ? lines : lines.map((l) => (par.has(l.key) ? { ...l, annuleePar: par.get(l.key)! } : l));
}
