/**
 * What the retention does to the product database (docs/privacy.md): the dossier of an ended
 * parcours past the period becomes statistics without identity, the API's stored answers naming
 * it are deleted, and an anonymous line records the purge.
 *
 * The tables are this module's own and created here (IF NOT EXISTS), next to the dossier's
 * migrations rather than among them. Deleted rows are overwritten (`secure_delete`) and the WAL
 * is truncated after each run: erased data must not linger in free pages or in the log.
 */
import { randomUUID } from 'node:crypto';
import { toDayNumber, type CivilDate } from '../../domain/calendar';
import type { Db } from '../database';
import { journalKey } from '../dossier-store';

const SCHEMA = [
  // One row per dossier line of a purged parcours: the code, the rule and the regime it was taken
  // under, the month and the day counted from the parcours' first line — durations and outcomes,
  // no date that pins a person down, no text, no pseudonym.
  `CREATE TABLE IF NOT EXISTS statistiques (
     anonyme TEXT NOT NULL,
     mois TEXT NOT NULL,
     jour INTEGER NOT NULL,
     kind TEXT NOT NULL,
     code TEXT NOT NULL,
     rule_id TEXT,
     regime TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS statistiques_anonyme ON statistiques (anonyme)`,
  // The anonymous audit line of each purge.
  `CREATE TABLE IF NOT EXISTS purges (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     le TEXT NOT NULL,
     anonyme TEXT NOT NULL,
     lignes INTEGER NOT NULL,
     executions INTEGER NOT NULL,
     derniere_activite TEXT NOT NULL,
     periode_mois INTEGER NOT NULL
   )`,
  // The lines a late fact annulled (spec §11) do not count as the parcours' last activity.
  `CREATE INDEX IF NOT EXISTS dossier_annulations ON dossier (parcours_id, json_extract(data, '$.annule')) WHERE code = 'rectification.annulation'`,
  // The API stores each write's answer (lib/idempotency-store.ts); the answers of a purged
  // parcours are found by the parcoursId they carry.
  `CREATE INDEX IF NOT EXISTS idempotency_parcours ON idempotency (json_extract(body, '$.parcoursId'))`,
];

/**
 * A parcours whose last line that still holds is dated `derniereDate`. Annulments are left out:
 * they are dated the day a late fact was recorded, not the day of what they correct, and the lines
 * they annul no longer hold. For a closed parcours this is its closure, or what followed it.
 */
export interface Candidat {
  parcoursId: string;
  derniereDate: CivilDate;
  lignes: number;
}

export interface PurgeLine {
  le: string;
  anonyme: string;
  lignes: number;
  executions: number;
  /** The month of the dossier's last line: enough to check the period, not to find the person. */
  derniereActivite: string;
  periodeMois: number;
}

/** The same rule as the candidates' query, on one parcours' rows. */
function derniereQuiTient(rows: Array<{ entry_key: string; date: string; code: string; data: string | null }>): string {
  const annulees = new Set(rows.filter((r) => r.code === 'rectification.annulation').map((r) => journalKey(Number((JSON.parse(r.data ?? '{}') as { annule?: number }).annule))));
  return rows.filter((r) => r.code !== 'rectification.annulation' && !annulees.has(r.entry_key)).reduce((max, r) => (r.date > max ? r.date : max), '');
}

export class RetentionStore {
  private readonly candidates;
  private readonly lines;
  private readonly insertStat;
  private readonly deleteDossier;
  private readonly deleteAnswers;
  private readonly deletePortalRows;
  private readonly anonymiserJournalAcces;
  private readonly deleteOldAnswers;
  private readonly insertPurge;
  private readonly selectPurges;

  constructor(private readonly db: Db) {
    for (const statement of SCHEMA) db.exec(statement);
    db.pragma('secure_delete = ON');
    this.candidates = db.prepare(
      `SELECT d.parcours_id, max(d.date) AS derniere, (SELECT count(*) FROM dossier t WHERE t.parcours_id = d.parcours_id) AS lignes
       FROM dossier d
       WHERE d.code <> 'rectification.annulation'
         AND NOT (d.entry_key LIKE 'j:%' AND EXISTS (
           SELECT 1 FROM dossier r WHERE r.parcours_id = d.parcours_id AND r.code = 'rectification.annulation' AND json_extract(r.data, '$.annule') = CAST(substr(d.entry_key, 3) AS INTEGER)))
       GROUP BY d.parcours_id HAVING max(d.date) <= ? ORDER BY d.parcours_id`,
    );
    this.lines = db.prepare(`SELECT entry_key, date, kind, code, rule_id, regime, data FROM dossier WHERE parcours_id = ? ORDER BY id`);
    this.insertStat = db.prepare(`INSERT INTO statistiques (anonyme, mois, jour, kind, code, rule_id, regime) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.deleteDossier = db.prepare(`DELETE FROM dossier WHERE parcours_id = ?`);
    this.deleteAnswers = db.prepare(`DELETE FROM idempotency WHERE json_extract(body, '$.parcoursId') = ?`);
    // The portal's list names the person: it goes with the dossier.
    this.deletePortalRows = db.prepare(`DELETE FROM demandes_cpas WHERE parcours_id = ?`);
    // The access journal (issue 11) stays an accountability record, but names the purged parcours
    // by its anonymous id only: who read what and when is kept, whose data it was is not.
    this.anonymiserJournalAcces = db.prepare(`UPDATE access_journal SET parcours_id = ? WHERE parcours_id = ?`);
    this.deleteOldAnswers = db.prepare(`DELETE FROM idempotency WHERE created_at < ?`);
    this.insertPurge = db.prepare(`INSERT INTO purges (le, anonyme, lignes, executions, derniere_activite, periode_mois) VALUES (?, ?, ?, ?, ?, ?)`);
    this.selectPurges = db.prepare(`SELECT le, anonyme, lignes, executions, derniere_activite, periode_mois FROM purges ORDER BY id`);
  }

  /** Parcours whose dossier's last line is dated `jusqua` or earlier. */
  candidats(jusqua: CivilDate): Candidat[] {
    return (this.candidates.all(jusqua) as Array<{ parcours_id: string; derniere: string; lignes: number }>).map((r) => ({ parcoursId: r.parcours_id, derniereDate: r.derniere, lignes: r.lignes }));
  }

  /**
   * Turns the dossier of `c` into statistics, deletes the answers naming it and writes the audit
   * line, in one transaction. Undefined, and nothing changed, when the dossier moved since it was
   * selected (a fact recorded meanwhile: the parcours is alive).
   */
  anonymiser(c: Candidat, purge: { executions: number; periodeMois: number; le?: string }): { anonyme: string; lignes: number } | undefined {
    const run = this.db.transaction(() => {
      const rows = this.lines.all(c.parcoursId) as Array<{ entry_key: string; date: string; kind: string; code: string; rule_id: string | null; regime: string | null; data: string | null }>;
      if (rows.length !== c.lignes || derniereQuiTient(rows) !== c.derniereDate) return undefined;
      const anonyme = `anon-${randomUUID()}`;
      const debut = toDayNumber(rows.reduce((min, r) => (r.date < min ? r.date : min), rows[0].date));
      for (const r of rows) this.insertStat.run(anonyme, r.date.slice(0, 7), toDayNumber(r.date) - debut, r.kind, r.code, r.rule_id, r.regime);
      this.deleteDossier.run(c.parcoursId);
      this.deleteAnswers.run(c.parcoursId);
      this.deletePortalRows.run(c.parcoursId);
      this.anonymiserJournalAcces.run(anonyme, c.parcoursId);
      this.insertPurge.run(purge.le ?? new Date().toISOString(), anonyme, rows.length, purge.executions, c.derniereDate.slice(0, 7), purge.periodeMois);
      return { anonyme, lignes: rows.length };
    });
    return run();
  }

  /** Stored answers older than the period: a retry that late has no first answer to find. */
  effacerReponsesAvant(instant: string): number {
    return this.deleteOldAnswers.run(instant).changes;
  }

  /** Moves the log into the database and empties it, so that overwritten pages leave no copy. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  purges(): PurgeLine[] {
    return (this.selectPurges.all() as Array<{ le: string; anonyme: string; lignes: number; executions: number; derniere_activite: string; periode_mois: number }>).map((r) => ({
      le: r.le,
      anonyme: r.anonyme,
      lignes: r.lignes,
      executions: r.executions,
      derniereActivite: r.derniere_activite,
      periodeMois: r.periode_mois,
    }));
  }
}
