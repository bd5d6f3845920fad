/**
 * Reads and writes of the dossier unique. Writes are INSERT OR IGNORE on (parcours, key): the
 * workflow numbers its entries, so an activity retried after a crash writes nothing new.
 */
import type { DossierEntry } from '../domain/parcours';
import type { Db } from './database';

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

interface Row {
  entry_key: string;
  date: string;
  kind: string;
  code: string;
  resume: string;
  event_id: string | null;
  rule_id: string | null;
  basis: string | null;
  regime: string | null;
  data: string | null;
  recorded_at: string;
}

export function journalKey(seq: number): string {
  return `j:${String(seq).padStart(8, '0')}`;
}

export function messageKey(emailKey: string): string {
  return `m:${emailKey}`;
}

export class DossierStore {
  private readonly insert;
  private readonly select;
  private readonly exists;
  private readonly demandesAll;
  private readonly demandesOfCpas;
  private readonly demandeByReference;
  private readonly count;
  private readonly lastJournalKey;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO dossier (parcours_id, entry_key, date, kind, code, resume, event_id, rule_id, basis, regime, data, recorded_at)
       VALUES (@parcoursId, @key, @date, @kind, @code, @resume, @eventId, @ruleId, @basis, @regime, @data, @recordedAt)`,
    );
    this.select = db.prepare(`SELECT * FROM dossier WHERE parcours_id = ? ORDER BY id`);
    this.exists = db.prepare(`SELECT 1 FROM dossier WHERE parcours_id = ? AND entry_key = ?`);
    const demandes = `SELECT parcours_id, date, json_extract(data, '$.reference') AS reference, json_extract(data, '$.cpas') AS cpas, json_extract(data, '$.besoin') AS besoin FROM dossier WHERE code = 'demande'`;
    this.demandesAll = db.prepare(`${demandes} ORDER BY id`);
    this.demandesOfCpas = db.prepare(`${demandes} AND json_extract(data, '$.cpas') = ? ORDER BY id`);
    this.demandeByReference = db.prepare(`SELECT parcours_id FROM dossier WHERE code = 'demande' AND json_extract(data, '$.reference') = ?`);
    this.count = db.prepare(`SELECT count(*) AS n FROM dossier`);
    this.lastJournalKey = db.prepare(`SELECT max(entry_key) AS k FROM dossier WHERE parcours_id = ? AND entry_key LIKE 'j:%'`);
  }

  /** Appends lines; returns how many were new. */
  append(parcoursId: string, lines: Omit<DossierLine, 'recordedAt'>[], recordedAt = new Date().toISOString()): number {
    const run = this.db.transaction(() => {
      let added = 0;
      for (const l of lines) {
        added += this.insert.run({
          parcoursId,
          key: l.key,
          date: l.date,
          kind: l.kind,
          code: l.code,
          resume: l.resume,
          eventId: l.eventId ?? null,
          ruleId: l.ruleId ?? null,
          basis: l.basis ?? null,
          regime: l.regime ?? null,
          data: l.data ? JSON.stringify(l.data) : null,
          recordedAt,
        }).changes;
      }
      return added;
    });
    return run();
  }

  /** Requests filed by CPAS, from their `demande` lines; `cpas` restricts to one CPAS. */
  demandes(cpas?: string): Array<{ reference: string; parcoursId: string; cpas: string; date: string; besoin: string }> {
    const rows = (cpas ? this.demandesOfCpas.all(cpas) : this.demandesAll.all()) as Array<{ parcours_id: string; date: string; reference: string; cpas: string; besoin: string }>;
    return rows.map((r) => ({ reference: r.reference, parcoursId: r.parcours_id, cpas: r.cpas, date: r.date, besoin: r.besoin }));
  }

  parcoursOfDemande(reference: string): string | undefined {
    return (this.demandeByReference.get(reference) as { parcours_id: string } | undefined)?.parcours_id;
  }

  size(): number {
    return (this.count.get() as { n: number }).n;
  }

  has(parcoursId: string, key: string): boolean {
    return this.exists.get(parcoursId, key) !== undefined;
  }

  /** The highest journal number written for this parcours, by any run of its workflow (0 when none). */
  dernierNumero(parcoursId: string): number {
    const k = (this.lastJournalKey.get(parcoursId) as { k: string | null }).k;
    return k ? Number(k.slice(2)) : 0;
  }

  journal(parcoursId: string): DossierLine[] {
    const lines = (this.select.all(parcoursId) as Row[]).map((r): DossierLine => ({
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
    }));
    return marquerAnnulees(lines);
  }
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
