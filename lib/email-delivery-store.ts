/**
 * The delivery state of each e-mail (issue 13 §4): pending from its first attempt, failed with
 * the last reason while attempts fail, sent once one succeeded — with how many attempts. One row
 * per e-mail, keyed like its `m:` line in the dossier, so that a retried activity updates its row.
 * Every replica of the worker writes here and every replica of the API reads here: the state is
 * the database's, not a process's.
 */
import type { Db } from './database';

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

interface Row {
  id: number;
  journal: EmailRef['journal'];
  email_key: string;
  template: string;
  recipient: EmailRef['destinataire'];
  recipient_cpas: string | null;
  state: EtatEnvoi;
  attempts: number;
  last_error: string | null;
  first_attempt_at: string;
  last_attempt_at: string;
  sent_at: string | null;
}

// Attempts only grow: an attempt that timed out and ends after the next one started keeps the higher count.
const ATTEMPTS = `CASE WHEN excluded.attempts > email_delivery.attempts THEN excluded.attempts ELSE email_delivery.attempts END`;

export class EmailDeliveryStore {
  private readonly upsertAttempt;
  private readonly upsertFailure;
  private readonly upsertSent;
  private readonly selectOfOwner;
  private readonly unsent;
  private readonly claim;

  constructor(db: Db) {
    const insert = `INSERT INTO email_delivery (journal, owner, email_key, template, recipient, recipient_cpas, state, attempts, last_error, first_attempt_at, last_attempt_at, sent_at)
      VALUES (@journal, @owner, @key, @modele, @destinataire, @cpas, @state, @attempts, @error, @at, @at, @sentAt)
      ON CONFLICT (journal, owner, email_key) DO UPDATE SET attempts = ${ATTEMPTS}, last_attempt_at = excluded.last_attempt_at`;
    this.upsertAttempt = db.prepare(insert);
    // Once sent, a late failure report (an attempt that timed out) changes nothing.
    this.upsertFailure = db.prepare(`${insert}, state = 'echec', last_error = excluded.last_error WHERE email_delivery.state <> 'envoye'`);
    this.upsertSent = db.prepare(`${insert}, state = 'envoye', sent_at = coalesce(email_delivery.sent_at, excluded.sent_at)`);
    this.selectOfOwner = db.prepare(`SELECT * FROM email_delivery WHERE journal = ? AND owner = ? ORDER BY id`);
    this.unsent = db.prepare(`SELECT count(*) AS n, min(first_attempt_at) AS oldest, sum(CASE WHEN first_attempt_at <= ? THEN 1 ELSE 0 END) AS late FROM email_delivery WHERE state <> 'envoye'`);
    // Each late e-mail is claimed once, whichever API replica looks first: the others find it claimed.
    this.claim = db.prepare(`UPDATE email_delivery SET alerted_at = @now WHERE state <> 'envoye' AND first_attempt_at <= @before AND alerted_at IS NULL
      RETURNING id, journal, template, recipient, recipient_cpas, attempts, last_error, first_attempt_at`);
  }

  private params(e: EmailRef, attempt: number, state: EtatEnvoi, at: string, error: string | null = null) {
    return { journal: e.journal, owner: e.owner, key: e.key, modele: e.modele, destinataire: e.destinataire, cpas: e.cpas ?? null, state, attempts: attempt, error, at, sentAt: state === 'envoye' ? at : null };
  }

  /** An attempt starts: the e-mail is pending if nothing was recorded yet. */
  async tentative(e: EmailRef, attempt: number, at = new Date().toISOString()): Promise<void> {
    this.upsertAttempt.run(this.params(e, attempt, 'enAttente', at));
  }

  async echec(e: EmailRef, attempt: number, error: string, at = new Date().toISOString()): Promise<void> {
    this.upsertFailure.run(this.params(e, attempt, 'echec', at, error));
  }

  async envoye(e: EmailRef, attempt: number, at = new Date().toISOString()): Promise<void> {
    this.upsertSent.run(this.params(e, attempt, 'envoye', at));
  }

  async duParcours(parcoursId: string): Promise<EnvoiEmail[]> {
    return (this.selectOfOwner.all('parcours', parcoursId) as Row[]).map((r) => ({
      id: r.id,
      cle: r.email_key,
      modele: r.template,
      destinataire: r.recipient,
      ...(r.recipient_cpas ? { cpas: r.recipient_cpas } : {}),
      etat: r.state,
      tentatives: r.attempts,
      ...(r.last_error ? { derniereErreur: r.last_error } : {}),
      premiereTentative: r.first_attempt_at,
      derniereTentative: r.last_attempt_at,
      ...(r.sent_at ? { envoyeLe: r.sent_at } : {}),
    }));
  }

  /** The e-mails not sent: how many, the first attempt of the oldest, and how many first tried at or before `before`. */
  async nonEnvoyes(before: string): Promise<{ nombre: number; enRetard: number; plusAncien?: string }> {
    const r = this.unsent.get(before) as { n: number; oldest: string | null; late: number | null };
    return { nombre: r.n, enRetard: r.late ?? 0, ...(r.oldest ? { plusAncien: r.oldest } : {}) };
  }

  /** The e-mails first tried at or before `before`, still unsent and not reported yet: marked reported, returned. */
  async signalerEnSouffrance(before: string, now = new Date().toISOString()): Promise<EnvoiEnSouffrance[]> {
    const rows = this.claim.all({ before, now }) as Array<Omit<Row, 'email_key' | 'state' | 'last_attempt_at' | 'sent_at'>>;
    return rows.map((r) => ({
      id: r.id,
      journal: r.journal,
      modele: r.template,
      destinataire: r.recipient,
      ...(r.recipient_cpas ? { cpas: r.recipient_cpas } : {}),
      tentatives: r.attempts,
      ...(r.last_error ? { derniereErreur: r.last_error } : {}),
      premiereTentative: r.first_attempt_at,
    }));
  }
}
