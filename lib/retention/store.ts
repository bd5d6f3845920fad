/**
 * What the retention does to the product database (docs/privacy.md): the dossier of an ended
 * parcours past the period becomes statistics without identity, the API's stored answers naming
 * it are deleted, and an anonymous line records the purge.
 *
 * Its tables are created by the schema's migrations (lib/db/migrations.ts). In SQLite, deleted
 * rows are overwritten (`secure_delete`, lib/db/open.ts) and the WAL is truncated after each run:
 * erased data must not linger in free pages or in the log.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { toDayNumber, type CivilDate } from '../../domain/calendar';
import { jsonInteger, jsonText, type Db } from '../db';
import { journalKey, numeroDeLigne } from '../dossier-store';

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
  constructor(private readonly db: Db) {}

  /** Parcours whose dossier's last line is dated `jusqua` or earlier. */
  async candidats(jusqua: CivilDate): Promise<Candidat[]> {
    const d = this.db.dialect;
    const { rows } = await sql<{ parcours_id: string; derniere: string; lignes: number }>`SELECT d.parcours_id, max(d.date) AS derniere, (SELECT count(*) FROM dossier t WHERE t.parcours_id = d.parcours_id) AS lignes
       FROM dossier d
       WHERE d.code <> 'rectification.annulation'
         AND NOT EXISTS (SELECT 1 FROM dossier r WHERE r.parcours_id = d.parcours_id AND r.code = 'rectification.annulation' AND ${jsonInteger(d, 'r.data', 'annule')} = ${numeroDeLigne('d')})
       GROUP BY d.parcours_id HAVING max(d.date) <= ${jusqua} ORDER BY d.parcours_id`.execute(this.db.kysely);
    return rows.map((r) => ({ parcoursId: r.parcours_id, derniereDate: r.derniere, lignes: Number(r.lignes) }));
  }

  /**
   * Turns the dossier of `c` into statistics, deletes the answers naming it and writes the audit
   * line, in one transaction. Undefined, and nothing changed, when the dossier moved since it was
   * selected (a fact recorded meanwhile: the parcours is alive). Only the lines read are deleted,
   * and the transaction is undone when any other is left: under PostgreSQL's READ COMMITTED a line
   * written meanwhile by another process would otherwise go with them.
   */
  async anonymiser(c: Candidat, purge: { executions: number; periodeMois: number; le?: string }): Promise<{ anonyme: string; lignes: number } | undefined> {
    const moved = Symbol('moved');
    try {
      return await this.db.kysely.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('dossier').select(['id', 'entry_key', 'date', 'kind', 'code', 'rule_id', 'regime', 'data']).where('parcours_id', '=', c.parcoursId).orderBy('id').execute();
        if (rows.length !== c.lignes || derniereQuiTient(rows) !== c.derniereDate) return undefined;
        const anonyme = `anon-${randomUUID()}`;
        const debut = toDayNumber(rows.reduce((min, r) => (r.date < min ? r.date : min), rows[0].date));
        for (let i = 0; i < rows.length; i += 500) {
          await trx
            .insertInto('statistiques')
            .values(rows.slice(i, i + 500).map((r) => ({ anonyme, mois: r.date.slice(0, 7), jour: toDayNumber(r.date) - debut, kind: r.kind, code: r.code, rule_id: r.rule_id, regime: r.regime })))
            .execute();
        }
        const ids = rows.map((r) => r.id);
        for (let i = 0; i < ids.length; i += 500) await trx.deleteFrom('dossier').where('id', 'in', ids.slice(i, i + 500)).execute();
        const left = await trx.selectFrom('dossier').select('id').where('parcours_id', '=', c.parcoursId).limit(1).executeTakeFirst();
        if (left) throw moved;
        await trx.deleteFrom('idempotency').where(jsonText(this.db.dialect, 'body', 'parcoursId'), '=', c.parcoursId).execute();
        await trx.deleteFrom('email_delivery').where('journal', '=', 'parcours').where('owner', '=', c.parcoursId).execute();
        // The portal's list names the person: it goes with the dossier.
        await trx.deleteFrom('demandes_cpas').where('parcours_id', '=', c.parcoursId).execute();
        // The access journal (issue 11) stays an accountability record, but names the purged parcours
        // by its anonymous id only: who read what and when is kept, whose data it was is not.
        await trx.updateTable('access_journal').set({ parcours_id: anonyme }).where('parcours_id', '=', c.parcoursId).execute();
        await trx
          .insertInto('purges')
          .values({ le: purge.le ?? new Date().toISOString(), anonyme, lignes: rows.length, executions: purge.executions, derniere_activite: c.derniereDate.slice(0, 7), periode_mois: purge.periodeMois })
          .execute();
        return { anonyme, lignes: rows.length };
      });
    } catch (err) {
      if (err === moved) return undefined;
      throw err;
    }
  }

  /** Stored answers older than the period: a retry that late has no first answer to find. */
  async effacerReponsesAvant(instant: string): Promise<number> {
    const r = await this.db.kysely.deleteFrom('idempotency').where('created_at', '<', instant).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * SQLite: moves the log into the database and empties it, so that overwritten pages leave no
   * copy. PostgreSQL reuses the space of deleted rows itself (autovacuum); its write-ahead log is
   * the server's, recycled at its checkpoints.
   */
  async checkpoint(): Promise<void> {
    if (this.db.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db.kysely);
  }

  async purges(): Promise<PurgeLine[]> {
    const rows = await this.db.kysely.selectFrom('purges').select(['le', 'anonyme', 'lignes', 'executions', 'derniere_activite', 'periode_mois']).orderBy('id').execute();
    return rows.map((r) => ({
      le: r.le,
      anonyme: r.anonyme,
      lignes: r.lignes,
      executions: r.executions,
      derniereActivite: r.derniere_activite,
      periodeMois: r.periode_mois,
    }));
  }
}
