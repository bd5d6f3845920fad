/**
 * The schema's versions, applied in order at start by Kysely's Migrator (lib/db/open.ts), which
 * records each in `kysely_migration`. A migration once released is never edited: a change is a
 * new migration appended here.
 *
 * The first one is the schema that lib/database.ts (PRAGMA user_version 1–6) and the retention
 * store (tables created IF NOT EXISTS) built in SQLite before this layer: every statement is IF
 * NOT EXISTS, so an existing database takes it as a no-op and is from then on versioned here.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { identity, identityType, jsonInteger, jsonText, type DialectName } from './dialect';

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-schema': { up: (db) => schema(db, dialect) },
    '0002-email-delivery': { up: (db) => emailDelivery(db, dialect) },
    '0003-demandes-cpas': { up: (db) => demandesCpas(db) },
  };
}

async function schema(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await idempotencyNullableStatus(db);
  // The dossier unique (art. 37): append-only, one line per (parcours, key), so that a retried
  // activity never writes twice.
  await db.schema
    .createTable('dossier')
    .ifNotExists()
    .addColumn('id', identityType(dialect), identity(dialect))
    .addColumn('parcours_id', 'text', (c) => c.notNull())
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('resume', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('basis', 'text')
    .addColumn('regime', 'text')
    .addColumn('data', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dossier_parcours_id_entry_key_key', ['parcours_id', 'entry_key'])
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS dossier_demandes ON dossier (code, ${jsonText(dialect, 'data', 'reference')}) WHERE code = 'demande'`.execute(db);
  // The lines a late fact annulled (spec §11), for the retention and the monitoring.
  await sql`CREATE INDEX IF NOT EXISTS dossier_annulations ON dossier (parcours_id, ${jsonInteger(dialect, 'data', 'annule')}) WHERE code = 'rectification.annulation'`.execute(db);

  // An Idempotency-Key is reserved (status and body NULL) before the work, then completed; rows
  // older than the retention period are deleted.
  await db.schema
    .createTable('idempotency')
    .ifNotExists()
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pkey', ['caller', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_created').ifNotExists().on('idempotency').column('created_at').execute();
  // The answers of a purged parcours are found by the parcoursId they carry.
  await sql`CREATE INDEX IF NOT EXISTS idempotency_parcours ON idempotency (${jsonText(dialect, 'body', 'parcoursId')})`.execute(db);

  // The access journal (docs/technical-description.md, « Access journal »): pseudonyms only, never a NISS.
  await db.schema
    .createTable('access_journal')
    .ifNotExists()
    .addColumn('id', identityType(dialect), identity(dialect))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('parcours_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_journal_parcours').ifNotExists().on('access_journal').columns(['parcours_id', 'id']).execute();
  await db.schema.createIndex('access_journal_caller').ifNotExists().on('access_journal').columns(['caller', 'id']).execute();

  // The journal of each cooperation convention (spec §12), keyed like the dossier.
  await db.schema
    .createTable('convention_journal')
    .ifNotExists()
    .addColumn('id', identityType(dialect), identity(dialect))
    .addColumn('cpas', 'text', (c) => c.notNull())
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('resume', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('basis', 'text')
    .addColumn('data', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('convention_journal_cpas_entry_key_key', ['cpas', 'entry_key'])
    .execute();
  await db.schema.createIndex('convention_journal_code').ifNotExists().on('convention_journal').columns(['cpas', 'code']).execute();

  // The retention (docs/privacy.md): one row per dossier line of a purged parcours — the code, the
  // rule and regime, the month and the day counted from the parcours' first line; no date that
  // pins a person down, no text, no pseudonym.
  await db.schema
    .createTable('statistiques')
    .ifNotExists()
    .addColumn('anonyme', 'text', (c) => c.notNull())
    .addColumn('mois', 'text', (c) => c.notNull())
    .addColumn('jour', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('regime', 'text')
    .execute();
  await db.schema.createIndex('statistiques_anonyme').ifNotExists().on('statistiques').column('anonyme').execute();
  // The anonymous audit line of each purge.
  await db.schema
    .createTable('purges')
    .ifNotExists()
    .addColumn('id', identityType(dialect), identity(dialect))
    .addColumn('le', 'text', (c) => c.notNull())
    .addColumn('anonyme', 'text', (c) => c.notNull())
    .addColumn('lignes', 'integer', (c) => c.notNull())
    .addColumn('executions', 'integer', (c) => c.notNull())
    .addColumn('derniere_activite', 'text', (c) => c.notNull())
    .addColumn('periode_mois', 'integer', (c) => c.notNull())
    .execute();
}

/**
 * The delivery state of each e-mail (issue 13 §4): written by the sending activities, read by GET
 * on a parcours and by the operators' alert. One row per e-mail, keyed like its `m:` dossier line.
 */
async function emailDelivery(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('email_delivery')
    .ifNotExists()
    .addColumn('id', identityType(dialect), identity(dialect))
    .addColumn('journal', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_cpas', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('first_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('alerted_at', 'text')
    .addUniqueConstraint('email_delivery_journal_owner_email_key_key', ['journal', 'owner', 'email_key'])
    .execute();
  // The alert's and the metrics' question: the unsent, by first attempt.
  await db.schema.createIndex('email_delivery_unsent').ifNotExists().on('email_delivery').columns(['state', 'first_attempt_at']).execute();
}

/**
 * The CPAS portal's list of requests (lib/demandes-cpas.ts, issue 15): the person as the CPAS named
 * them, the request's status and next step, kept from the parcours' state at each fact and read.
 * `recherche` holds the names and the reference folded (lower case, no accents) by the store, so
 * that a search finds the same rows on both dialects (SQLite's LIKE folds ASCII only, PostgreSQL's
 * not at all).
 */
async function demandesCpas(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demandes_cpas')
    .ifNotExists()
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('cpas', 'text', (c) => c.notNull())
    .addColumn('parcours_id', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('prenom', 'text', (c) => c.notNull())
    .addColumn('recherche', 'text', (c) => c.notNull())
    .addColumn('besoin', 'text', (c) => c.notNull())
    .addColumn('deposee_le', 'text', (c) => c.notNull())
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('etape', 'text')
    .addColumn('etape_le', 'text')
    .addColumn('mise_a_jour', 'text', (c) => c.notNull())
    .execute();
  // Mes demandes: a CPAS's requests, newest first.
  await db.schema.createIndex('demandes_cpas_liste').ifNotExists().on('demandes_cpas').columns(['cpas', 'deposee_le desc', 'reference']).execute();
  // The retention deletes a parcours' rows.
  await db.schema.createIndex('demandes_cpas_parcours').ifNotExists().on('demandes_cpas').column('parcours_id').execute();
}

/**
 * A SQLite database made before user_version 4 has `idempotency.status NOT NULL`, which a
 * reservation cannot write. Rebuilt rather than altered: SQLite cannot drop a NOT NULL constraint.
 */
async function idempotencyNullableStatus(db: Kysely<any>): Promise<void> {
  const columns = await sql<{ name: string; notnull: number }>`PRAGMA table_info(idempotency)`.execute(db);
  if (!columns.rows.some((c) => c.name === 'status' && c.notnull === 1)) return;
  await sql`ALTER TABLE idempotency RENAME TO idempotency_v1`.execute(db);
  await sql`CREATE TABLE idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (caller, key))`.execute(db);
  await sql`INSERT INTO idempotency (caller, key, fingerprint, status, body, created_at) SELECT caller, key, fingerprint, status, body, created_at FROM idempotency_v1`.execute(db);
  await sql`DROP TABLE idempotency_v1`.execute(db);
}
