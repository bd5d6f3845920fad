/**
 * The tables of the product database as Kysely sees them, the same in SQLite and PostgreSQL
 * (lib/db/migrations.ts creates them). Dates and instants are ISO 8601 text and JSON is text in
 * both, so that a row reads the same whichever database holds it.
 */
import type { Generated } from 'kysely';

export interface DossierTable {
  id: Generated<number>;
  parcours_id: string;
  entry_key: string;
  date: string;
  kind: string;
  code: string;
  resume: string;
  event_id: string | null;
  rule_id: string | null;
  basis: string | null;
  regime: string | null;
  /** JSON text. */
  data: string | null;
  recorded_at: string;
}

export interface IdempotencyTable {
  caller: string;
  key: string;
  fingerprint: string;
  /** NULL while the key is reserved and the request not yet answered. */
  status: number | null;
  /** JSON text of the answer. */
  body: string | null;
  created_at: string;
}

export interface AccessJournalTable {
  id: Generated<number>;
  at: string;
  request_id: string;
  caller: string;
  role: string;
  operation: string;
  parcours_id: string | null;
  reference: string | null;
  status: number;
  outcome: string;
}

export interface ConventionJournalTable {
  id: Generated<number>;
  cpas: string;
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

export interface StatistiquesTable {
  anonyme: string;
  mois: string;
  jour: number;
  kind: string;
  code: string;
  rule_id: string | null;
  regime: string | null;
}

export interface PurgesTable {
  id: Generated<number>;
  le: string;
  anonyme: string;
  lignes: number;
  executions: number;
  derniere_activite: string;
  periode_mois: number;
}

/** One e-mail's delivery state (lib/email-delivery-store.ts). */
export interface EmailDeliveryTable {
  id: Generated<number>;
  /** `parcours` or `convention`. */
  journal: string;
  /** The parcoursId, or the CPAS's number for a convention's e-mail. */
  owner: string;
  email_key: string;
  template: string;
  /** `cpas`, `serviceControle` or `contactConvention`: never an address. */
  recipient: string;
  recipient_cpas: string | null;
  /** `enAttente`, `echec` or `envoye`. */
  state: string;
  attempts: number;
  last_error: string | null;
  first_attempt_at: string;
  last_attempt_at: string;
  sent_at: string | null;
  /** When the operators' alert reported it (once). */
  alerted_at: string | null;
}

/** A CPAS's request as the portal lists it (lib/demandes-cpas.ts). */
export interface DemandesCpasTable {
  reference: string;
  cpas: string;
  parcours_id: string;
  nom: string;
  prenom: string;
  /** The names and the reference folded for the search (lower case, no accents). */
  recherche: string;
  besoin: string;
  deposee_le: string;
  statut: string;
  etape: string | null;
  etape_le: string | null;
  mise_a_jour: string;
}

export interface Tables {
  dossier: DossierTable;
  idempotency: IdempotencyTable;
  access_journal: AccessJournalTable;
  convention_journal: ConventionJournalTable;
  statistiques: StatistiquesTable;
  purges: PurgesTable;
  email_delivery: EmailDeliveryTable;
  demandes_cpas: DemandesCpasTable;
}
