/**
 * The conventions' journal (spec §12): written by the convention workflow's activities, read by
 * the CPAS registry (is this CPAS's convention in force?) and the API.
 */
import type { JournalLine } from '../domain/convention';
import type { CivilDate } from '../domain/calendar';
import type { Db } from './db';
import type { Selectable } from 'kysely';
import type { ConventionJournalTable } from './db/schema';
import { journalKey } from './dossier-store';

export interface ConventionLine {
  key: string;
  date: CivilDate;
  code: string;
  resume: string;
  eventId?: string;
  ruleId?: string;
  basis?: string;
  data?: Record<string, unknown>;
  recordedAt: string;
}

/** What the registry needs to know of a convention recorded by its workflow. */
export interface ConventionDates {
  signeeLe?: CivilDate;
  denonciation?: { finPreavis: CivilDate };
}

export class ConventionStore {
  constructor(readonly db: Db) {}

  async append(cpas: string, lines: Omit<ConventionLine, 'recordedAt'>[], recordedAt = new Date().toISOString()): Promise<number> {
    if (lines.length === 0) return 0;
    const r = await this.db.kysely
      .insertInto('convention_journal')
      .values(lines.map((l) => ({ cpas, entry_key: l.key, date: l.date, code: l.code, resume: l.resume, event_id: l.eventId ?? null, rule_id: l.ruleId ?? null, basis: l.basis ?? null, data: l.data ? JSON.stringify(l.data) : null, recorded_at: recordedAt })))
      .onConflict((oc) => oc.columns(['cpas', 'entry_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  }

  /** The highest journal number written for this CPAS's conventions (0 when none). */
  async dernierNumero(cpas: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('convention_journal')
      .select((eb) => eb.fn.max('entry_key').as('k'))
      .where('cpas', '=', cpas)
      .where('entry_key', 'like', 'j:%')
      .executeTakeFirst();
    return row?.k ? Number(row.k.slice(2)) : 0;
  }

  async has(cpas: string, key: string): Promise<boolean> {
    return (await this.db.kysely.selectFrom('convention_journal').select('id').where('cpas', '=', cpas).where('entry_key', '=', key).executeTakeFirst()) !== undefined;
  }

  async journal(cpas: string): Promise<ConventionLine[]> {
    const rows = await this.db.kysely.selectFrom('convention_journal').selectAll().where('cpas', '=', cpas).orderBy('id').execute();
    return rows.map(toLine);
  }

  /** The signature and notice of the convention as its workflow recorded them; undefined when it never signed one. */
  async dates(cpas: string): Promise<ConventionDates | undefined> {
    const latest = (code: string) =>
      this.db.kysely.selectFrom('convention_journal').select(['id', 'date', 'data']).where('cpas', '=', cpas).where('code', '=', code).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const signature = await latest('convention.signature');
    if (!signature) return undefined;
    // A notice given before a later signature belongs to an earlier convention.
    const found = await latest('convention.denonciation');
    const denonciation = found && found.id > signature.id ? found : undefined;
    const finPreavis = denonciation ? (JSON.parse(denonciation.data ?? '{}') as { finPreavis: string }).finPreavis : undefined;
    return { signeeLe: signature.date, ...(finPreavis ? { denonciation: { finPreavis } } : {}) };
  }
}

function toLine(r: Selectable<ConventionJournalTable>): ConventionLine {
  return {
    key: r.entry_key,
    date: r.date,
    code: r.code,
    resume: r.resume,
    ...(r.event_id ? { eventId: r.event_id } : {}),
    ...(r.rule_id ? { ruleId: r.rule_id } : {}),
    ...(r.basis ? { basis: r.basis } : {}),
    ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
    recordedAt: r.recorded_at,
  };
}

export function toConventionLine(l: JournalLine): Omit<ConventionLine, 'recordedAt'> {
  return { key: journalKey(l.seq), date: l.date, code: l.code, resume: l.resume, ...(l.eventId ? { eventId: l.eventId } : {}), ...(l.ruleId ? { ruleId: l.ruleId, basis: l.basis } : {}), ...(l.data ? { data: l.data } : {}) };
}
