/**
 * The delivery state of each e-mail (issue 13 §4): pending from its first attempt, failed with
 * the last reason while attempts fail, sent once one succeeded — with how many attempts. One row
 * per e-mail, keyed like its `m:` line in the dossier, so that a retried activity updates its row.
 * Every replica of the worker writes here and every replica of the API reads here: the state is
 * the database's, not a process's.
 */
import { sql } from 'kysely';
import type { Db } from './db';

export type EtatEnvoi = 'enAttente' | 'envoye' | 'echec';

/** An e-mail as the activities know it; the recipient by its kind and CPAS, never its address. */
export interface EmailRef {
  journal: 'parcours' | 'convention';
  /** The parcoursId, or the CPAS's number for a convention's e-mail. */
  owner: string;
  key: string;
  modele: string;
  destinataire: 'cpas' | 'serviceControle' | 'contactConvention';
  cpas?: string;
}

export interface EnvoiEmail {
  /** The row's number: what the operators' log line names (no personal data there). */
  id: number;
  cle: string;
  modele: string;
  destinataire: EmailRef['destinataire'];
  cpas?: string;
  etat: EtatEnvoi;
  tentatives: number;
  derniereErreur?: string;
  premiereTentative: string;
  derniereTentative: string;
  envoyeLe?: string;
}

/** An e-mail still unsent past the alert's delay, as the alert reports it: no parcours, no address. */
export interface EnvoiEnSouffrance {
  id: number;
  journal: EmailRef['journal'];
  modele: string;
  destinataire: EmailRef['destinataire'];
  cpas?: string;
  tentatives: number;
  derniereErreur?: string;
  premiereTentative: string;
}

// Attempts only grow: an attempt that timed out and ends after the next one started keeps the higher count.
const ATTEMPTS = sql<number>`CASE WHEN excluded.attempts > email_delivery.attempts THEN excluded.attempts ELSE email_delivery.attempts END`;

export class EmailDeliveryStore {
  constructor(private readonly db: Db) {}

  /** Inserts the e-mail's row, or updates it as `kind` says; one statement, whichever replica writes. */
  private async upsert(e: EmailRef, attempt: number, kind: EtatEnvoi, at: string, error: string | null = null): Promise<void> {
    await this.db.kysely
      .insertInto('email_delivery')
      .values({
        journal: e.journal,
        owner: e.owner,
        email_key: e.key,
        template: e.modele,
        recipient: e.destinataire,
        recipient_cpas: e.cpas ?? null,
        state: kind,
        attempts: attempt,
        last_error: error,
        first_attempt_at: at,
        last_attempt_at: at,
        sent_at: kind === 'envoye' ? at : null,
      })
      .onConflict((oc) => {
        const conflict = oc.columns(['journal', 'owner', 'email_key']);
        const attempted = { attempts: ATTEMPTS, last_attempt_at: sql<string>`excluded.last_attempt_at` };
        if (kind === 'enAttente') return conflict.doUpdateSet(attempted);
        // Once sent, a late failure report (an attempt that timed out) changes nothing.
        if (kind === 'echec') return conflict.doUpdateSet({ ...attempted, state: 'echec', last_error: sql<string>`excluded.last_error` }).where('email_delivery.state', '<>', 'envoye');
        return conflict.doUpdateSet({ ...attempted, state: 'envoye', sent_at: sql<string>`coalesce(email_delivery.sent_at, excluded.sent_at)` });
      })
      .execute();
  }

  /** An attempt starts: the e-mail is pending if nothing was recorded yet. */
  async tentative(e: EmailRef, attempt: number, at = new Date().toISOString()): Promise<void> {
    await this.upsert(e, attempt, 'enAttente', at);
  }

  async echec(e: EmailRef, attempt: number, error: string, at = new Date().toISOString()): Promise<void> {
    await this.upsert(e, attempt, 'echec', at, error);
  }

  async envoye(e: EmailRef, attempt: number, at = new Date().toISOString()): Promise<void> {
    await this.upsert(e, attempt, 'envoye', at);
  }

  async duParcours(parcoursId: string): Promise<EnvoiEmail[]> {
    return this.du('parcours', parcoursId);
  }

  /** The e-mails of a CPAS's convention to its contact persons (reminders, notice, end). */
  async deLaConvention(cpas: string): Promise<EnvoiEmail[]> {
    return this.du('convention', cpas);
  }

  private async du(journal: EmailRef['journal'], owner: string): Promise<EnvoiEmail[]> {
    const rows = await this.db.kysely.selectFrom('email_delivery').selectAll().where('journal', '=', journal).where('owner', '=', owner).orderBy('id').execute();
    return rows.map((r) => ({
      id: Number(r.id),
      cle: r.email_key,
      modele: r.template,
      destinataire: r.recipient as EmailRef['destinataire'],
      ...(r.recipient_cpas ? { cpas: r.recipient_cpas } : {}),
      etat: r.state as EtatEnvoi,
      tentatives: r.attempts,
      ...(r.last_error ? { derniereErreur: r.last_error } : {}),
      premiereTentative: r.first_attempt_at,
      derniereTentative: r.last_attempt_at,
      ...(r.sent_at ? { envoyeLe: r.sent_at } : {}),
    }));
  }

  /** The e-mails not sent: how many, the first attempt of the oldest, and how many first tried at or before `before`. */
  async nonEnvoyes(before: string): Promise<{ nombre: number; enRetard: number; plusAncien?: string }> {
    const r = await this.db.kysely
      .selectFrom('email_delivery')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('first_attempt_at').as('oldest'), sql<number | null>`sum(CASE WHEN first_attempt_at <= ${before} THEN 1 ELSE 0 END)`.as('late')])
      .where('state', '<>', 'envoye')
      .executeTakeFirstOrThrow();
    return { nombre: Number(r.n), enRetard: Number(r.late ?? 0), ...(r.oldest ? { plusAncien: r.oldest } : {}) };
  }

  /**
   * The e-mails first tried at or before `before`, still unsent and not reported yet: marked
   * reported, returned. One UPDATE: of two replicas looking at once, the one that waited for the
   * other's row lock (PostgreSQL re-checks the condition then; SQLite has one writer) finds it
   * reported — each e-mail is reported once.
   */
  async signalerEnSouffrance(before: string, now = new Date().toISOString()): Promise<EnvoiEnSouffrance[]> {
    const rows = await this.db.kysely
      .updateTable('email_delivery')
      .set({ alerted_at: now })
      .where('state', '<>', 'envoye')
      .where('first_attempt_at', '<=', before)
      .where('alerted_at', 'is', null)
      .returning(['id', 'journal', 'template', 'recipient', 'recipient_cpas', 'attempts', 'last_error', 'first_attempt_at'])
      .execute();
    return rows
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => ({
        id: Number(r.id),
        journal: r.journal as EmailRef['journal'],
        modele: r.template,
        destinataire: r.recipient as EmailRef['destinataire'],
        ...(r.recipient_cpas ? { cpas: r.recipient_cpas } : {}),
        tentatives: r.attempts,
        ...(r.last_error ? { derniereErreur: r.last_error } : {}),
        premiereTentative: r.first_attempt_at,
      }));
  }
}
