/**
 * The conventions' journal (spec §12): written by the convention workflow's activities, read by
 * the CPAS registry (is this CPAS's convention in force?) and the API.
 */
import type { JournalLine } from '../domain/convention';
import type { CivilDate } from '../domain/calendar';
import type { Db } from './database';
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

interface Row {
  entry_key: string;
  date: string;
  code: string;
  resume: string;
  event_id: string | null;
  rule_id: string | null;
  basis: string | null;
  data: string | null;
  recorded_at: string;
}

/** What the registry needs to know of a convention recorded by its workflow. */
export interface ConventionDates {
  signeeLe?: CivilDate;
  denonciation?: { finPreavis: CivilDate };
}

export class ConventionStore {
  private readonly insert;
  private readonly select;
  private readonly exists;
  private readonly latest;
  private readonly lastJournalKey;

  constructor(readonly db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO convention_journal (cpas, entry_key, date, code, resume, event_id, rule_id, basis, data, recorded_at)
       VALUES (@cpas, @key, @date, @code, @resume, @eventId, @ruleId, @basis, @data, @recordedAt)`,
    );
    this.select = db.prepare(`SELECT * FROM convention_journal WHERE cpas = ? ORDER BY id`);
    this.exists = db.prepare(`SELECT 1 FROM convention_journal WHERE cpas = ? AND entry_key = ?`);
    this.lastJournalKey = db.prepare(`SELECT max(entry_key) AS k FROM convention_journal WHERE cpas = ? AND entry_key LIKE 'j:%'`);
    this.latest = db.prepare(`SELECT id, date, data FROM convention_journal WHERE cpas = ? AND code = ? ORDER BY id DESC LIMIT 1`);
  }

  append(cpas: string, lines: Omit<ConventionLine, 'recordedAt'>[], recordedAt = new Date().toISOString()): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const l of lines) {
        added += this.insert.run({ cpas, key: l.key, date: l.date, code: l.code, resume: l.resume, eventId: l.eventId ?? null, ruleId: l.ruleId ?? null, basis: l.basis ?? null, data: l.data ? JSON.stringify(l.data) : null, recordedAt }).changes;
      }
      return added;
    })();
  }

  /** The highest journal number written for this CPAS's conventions (0 when none). */
  dernierNumero(cpas: string): number {
    const k = (this.lastJournalKey.get(cpas) as { k: string | null }).k;
    return k ? Number(k.slice(2)) : 0;
  }

  has(cpas: string, key: string): boolean {
    return this.exists.get(cpas, key) !== undefined;
  }

  journal(cpas: string): ConventionLine[] {
    return (this.select.all(cpas) as Row[]).map((r) => ({
      key: r.entry_key,
      date: r.date,
      code: r.code,
      resume: r.resume,
      ...(r.event_id ? { eventId: r.event_id } : {}),
      ...(r.rule_id ? { ruleId: r.rule_id } : {}),
      ...(r.basis ? { basis: r.basis } : {}),
      ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
      recordedAt: r.recorded_at,
    }));
  }

  /** The signature and notice of the convention as its workflow recorded them; undefined when it never signed one. */
  dates(cpas: string): ConventionDates | undefined {
    const signature = this.latest.get(cpas, 'convention.signature') as { id: number; date: string } | undefined;
    if (!signature) return undefined;
    // A notice given before a later signature belongs to an earlier convention.
    const found = this.latest.get(cpas, 'convention.denonciation') as { id: number; data: string } | undefined;
    const denonciation = found && found.id > signature.id ? found : undefined;
    const finPreavis = denonciation ? (JSON.parse(denonciation.data) as { finPreavis: string }).finPreavis : undefined;
    return { signeeLe: signature.date, ...(finPreavis ? { denonciation: { finPreavis } } : {}) };
  }
}

export function toConventionLine(l: JournalLine): Omit<ConventionLine, 'recordedAt'> {
  return { key: journalKey(l.seq), date: l.date, code: l.code, resume: l.resume, ...(l.eventId ? { eventId: l.eventId } : {}), ...(l.ruleId ? { ruleId: l.ruleId, basis: l.basis } : {}), ...(l.data ? { data: l.data } : {}) };
}
