/**
 * The product database: SQLite in WAL mode. It holds the dossier unique (art. 37), an
 * append-only journal whose lines are keyed so that a retried activity never writes twice; the
 * answers kept for idempotent retries; and the access journal (who read or asked what, GDPR
 * accountability). Migrations are plain SQL that PostgreSQL also runs, but for
 * `AUTOINCREMENT` (an identity column there) and the JSON index of the dossier.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE dossier (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     parcours_id TEXT NOT NULL,
     entry_key TEXT NOT NULL,
     date TEXT NOT NULL,
     kind TEXT NOT NULL,
     code TEXT NOT NULL,
     resume TEXT NOT NULL,
     event_id TEXT,
     rule_id TEXT,
     basis TEXT,
     regime TEXT,
     data TEXT,
     recorded_at TEXT NOT NULL,
     UNIQUE (parcours_id, entry_key)
   )`,
  `CREATE TABLE idempotency (
     caller TEXT NOT NULL,
     key TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     status INTEGER NOT NULL,
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (caller, key)
   )`,
  `CREATE INDEX dossier_demandes ON dossier (code, json_extract(data, '$.reference')) WHERE code = 'demande'`,
  // An Idempotency-Key is reserved (status and body NULL) before the work, then completed; rows
  // older than the retention period are deleted. Rebuilt rather than altered: SQLite cannot drop
  // a NOT NULL constraint.
  `CREATE TABLE idempotency_v2 (
     caller TEXT NOT NULL,
     key TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     status INTEGER,
     body TEXT,
     created_at TEXT NOT NULL,
     PRIMARY KEY (caller, key)
   );
   INSERT INTO idempotency_v2 (caller, key, fingerprint, status, body, created_at) SELECT caller, key, fingerprint, status, body, created_at FROM idempotency;
   DROP TABLE idempotency;
   ALTER TABLE idempotency_v2 RENAME TO idempotency;
   CREATE INDEX idempotency_created ON idempotency (created_at)`,
  // The access journal (docs/technical-description.md, « Access journal »): pseudonyms only, never a NISS.
  `CREATE TABLE access_journal (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     request_id TEXT NOT NULL,
     caller TEXT NOT NULL,
     role TEXT NOT NULL,
     operation TEXT NOT NULL,
     parcours_id TEXT,
     reference TEXT,
     status INTEGER NOT NULL,
     outcome TEXT NOT NULL
   );
   CREATE INDEX access_journal_parcours ON access_journal (parcours_id, id);
   CREATE INDEX access_journal_caller ON access_journal (caller, id)`,
  // The journal of each cooperation convention (spec §12): its steps with their basis, and the
  // e-mails sent to its contact persons; keyed like the dossier so a retried activity writes once.
  `CREATE TABLE convention_journal (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     cpas TEXT NOT NULL,
     entry_key TEXT NOT NULL,
     date TEXT NOT NULL,
     code TEXT NOT NULL,
     resume TEXT NOT NULL,
     event_id TEXT,
     rule_id TEXT,
     basis TEXT,
     data TEXT,
     recorded_at TEXT NOT NULL,
     UNIQUE (cpas, entry_key)
   );
   CREATE INDEX convention_journal_code ON convention_journal (cpas, code)`,
  // The CPAS portal's list of requests (lib/demandes-cpas.ts): the person as the CPAS named them,
  // the request's status and next step, kept from the parcours' state at each fact and read.
  `CREATE TABLE demandes_cpas (
     reference TEXT PRIMARY KEY,
     cpas TEXT NOT NULL,
     parcours_id TEXT NOT NULL,
     nom TEXT NOT NULL,
     prenom TEXT NOT NULL,
     besoin TEXT NOT NULL,
     deposee_le TEXT NOT NULL,
     statut TEXT NOT NULL,
     etape TEXT,
     etape_le TEXT,
     mise_a_jour TEXT NOT NULL
   );
   CREATE INDEX demandes_cpas_liste ON demandes_cpas (cpas, deposee_le DESC, reference);
   CREATE INDEX demandes_cpas_parcours ON demandes_cpas (parcours_id)`,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const apply = db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  if (version < MIGRATIONS.length) apply();
}
