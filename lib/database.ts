/**
 * The product database: SQLite in WAL mode. It holds the dossier unique (art. 37), an
 * append-only journal whose lines are keyed so that a retried activity never writes twice.
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
