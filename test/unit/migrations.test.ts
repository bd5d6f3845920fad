/**
 * The schema's migrations (lib/db/migrations.ts): a database made before them — by the former
 * lib/database.ts, which numbered its schema in PRAGMA user_version — keeps its rows and is
 * versioned from then on; a fresh one gets the whole schema; opening again changes nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../lib/db';
import { DossierStore, journalKey } from '../../lib/dossier-store';
import { IdempotencyStore } from '../../lib/idempotency-store';
import { ConventionStore } from '../../lib/convention-store';
import { createDatabaseUrl, DIALECTS } from '../helpers/database';

/** The schema the former lib/database.ts built, version by version (user_version 1 to 6). */
const LEGACY: string[] = [
  `CREATE TABLE dossier (id INTEGER PRIMARY KEY AUTOINCREMENT, parcours_id TEXT NOT NULL, entry_key TEXT NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL,
     resume TEXT NOT NULL, event_id TEXT, rule_id TEXT, basis TEXT, regime TEXT, data TEXT, recorded_at TEXT NOT NULL, UNIQUE (parcours_id, entry_key))`,
  `CREATE TABLE idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (caller, key))`,
  `CREATE INDEX dossier_demandes ON dossier (code, json_extract(data, '$.reference')) WHERE code = 'demande'`,
  `CREATE TABLE idempotency_v2 (caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (caller, key));
   INSERT INTO idempotency_v2 SELECT caller, key, fingerprint, status, body, created_at FROM idempotency;
   DROP TABLE idempotency;
   ALTER TABLE idempotency_v2 RENAME TO idempotency;
   CREATE INDEX idempotency_created ON idempotency (created_at)`,
  `CREATE TABLE access_journal (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, request_id TEXT NOT NULL, caller TEXT NOT NULL, role TEXT NOT NULL, operation TEXT NOT NULL,
     parcours_id TEXT, reference TEXT, status INTEGER NOT NULL, outcome TEXT NOT NULL);
   CREATE INDEX access_journal_parcours ON access_journal (parcours_id, id);
   CREATE INDEX access_journal_caller ON access_journal (caller, id)`,
  `CREATE TABLE convention_journal (id INTEGER PRIMARY KEY AUTOINCREMENT, cpas TEXT NOT NULL, entry_key TEXT NOT NULL, date TEXT NOT NULL, code TEXT NOT NULL, resume TEXT NOT NULL,
     event_id TEXT, rule_id TEXT, basis TEXT, data TEXT, recorded_at TEXT NOT NULL, UNIQUE (cpas, entry_key));
   CREATE INDEX convention_journal_code ON convention_journal (cpas, code)`,
];

/** A SQLite file as the former code left it at `version`, with a dossier line and a stored answer. */
function legacyDatabase(file: string, version: number): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  for (const statement of LEGACY.slice(0, version)) db.exec(statement);
  db.pragma(`user_version = ${version}`);
  db.prepare(`INSERT INTO dossier (parcours_id, entry_key, date, kind, code, resume, data, recorded_at) VALUES ('ce-old', 'j:00000001', '2026-01-05', 'fait', 'demande', 'Demande', '{"reference":"DEM-1","cpas":"0207123407","besoin":"mobilite"}', '2026-01-05T09:00:00.000Z')`).run();
  db.prepare(`INSERT INTO idempotency (caller, key, fingerprint, status, body, created_at) VALUES ('bo', 'k-old', 'f', 200, '{"parcoursId":"ce-old"}', ?)`).run(new Date().toISOString());
  db.close();
}

describe('an existing SQLite database', () => {
  it.each([6, 3])('made by the former schema (user_version %i) keeps its rows, takes the new writes and is versioned by the Migrator', async (version) => {
    const { url, remove } = await createDatabaseUrl('sqlite');
    legacyDatabase(url, version);
    const db = await openDatabase(url);
    try {
      const dossier = new DossierStore(db);
      expect((await dossier.journal('ce-old')).map((l) => l.code)).toEqual(['demande']);
      expect(await dossier.parcoursOfDemande('DEM-1')).toBe('ce-old');
      expect(await dossier.append('ce-old', [{ key: journalKey(1), date: '2026-01-05', kind: 'fait', code: 'demande', resume: 'Demande' }])).toBe(0);
      const answers = new IdempotencyStore(db);
      expect(await answers.find('bo', 'k-old')).toEqual({ type: 'done', answer: { fingerprint: 'f', status: 200, body: { parcoursId: 'ce-old' } } });
      // A reservation writes a NULL status, which the schema before version 4 refused.
      expect(await answers.reserve('bo', 'k-new', 'f')).toEqual({ type: 'reserved' });
      expect(await new ConventionStore(db).append('0207123407', [{ key: journalKey(1), date: '2026-01-05', code: 'convention.proposition', resume: 'Proposition' }])).toBe(1);
      expect((await db.kysely.selectFrom('purges').selectAll().execute())).toEqual([]);
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db.kysely);
      expect(applied.rows.map((r) => r.name)).toEqual(['0001-schema', '0002-email-delivery', '0003-demandes-cpas']);
    } finally {
      await db.close();
      await remove();
    }
  });
});

describe.each(DIALECTS)('the migrations (%s)', (dialect) => {
  it('build the whole schema in an empty database, once however many processes open it together', async () => {
    const { url, remove } = await createDatabaseUrl(dialect);
    // The workers and the APIs of a deployment start at the same time on one database.
    const root = path.resolve(__dirname, '../..');
    await Promise.all([1, 2, 3].map(() => promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/open-database.ts', url], { cwd: root })));
    const opened = [await openDatabase(url), await openDatabase(url)];
    try {
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(opened[0].kysely);
      expect(applied.rows.map((r) => r.name)).toEqual(['0001-schema', '0002-email-delivery', '0003-demandes-cpas']);
      const tables = (await opened[0].kysely.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
      expect(tables.sort()).toEqual(['access_journal', 'convention_journal', 'demandes_cpas', 'dossier', 'email_delivery', 'idempotency', 'purges', 'statistiques']);
      const reopened = await openDatabase(url);
      await reopened.close();
      expect((await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration`.execute(opened[1].kysely)).rows[0].n).toBe(applied.rows.length);
    } finally {
      for (const db of opened) await db.close();
      await remove();
    }
  });
});
