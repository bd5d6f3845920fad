/**
 * The product database, chosen by its URL (PARCOURS_DATABASE_URL): `postgres://…` is PostgreSQL,
 * the production database, shared by every worker and API process; anything else is a SQLite
 * file, the embedded default of `make start`. Either way the schema is brought to the latest
 * migration (lib/db/migrations.ts) before anything reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { dialectOf, type DialectName } from './dialect';
import { migrations } from './migrations';
import type { Tables } from './schema';

export interface Db {
  readonly kysely: Kysely<Tables>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL: connections per process (pg's pool). */
  poolSize?: number;
}

// count(*) and identity columns are int8 in PostgreSQL, which pg hands over as strings to keep
// precision; the product's counts and row numbers stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const dialect = dialectOf(url);
  const db = dialect === 'postgres' ? openPostgres(url, options) : openSqlite(url);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  // WAL: the worker and the API read while the other writes. A writer waits for another's lock up
  // to five seconds instead of failing at once. Erased rows are overwritten, not left in free
  // pages (docs/privacy.md).
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('secure_delete = ON');
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', close: once(() => kysely.destroy()) };
}

function openPostgres(url: string, { poolSize = 10 }: OpenOptions): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that breaks (a server restart) is dropped by the pool; the next query opens
  // another and fails only if the server is still away. Without a listener it would end the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: once(() => kysely.destroy()) };
}

/**
 * PostgreSQL: Kysely's Migrator takes an advisory lock and runs in a transaction, so two
 * processes starting together apply each migration once. SQLite has no such lock: the migrations
 * run inside one `BEGIN IMMEDIATE`, which a second process waits for (busy_timeout) and then finds
 * nothing left to do.
 */
async function migrate(db: Db): Promise<void> {
  const provider = { getMigrations: async () => migrations(db.dialect) };
  if (db.dialect === 'postgres') {
    const { error } = await new Migrator({ db: db.kysely, provider }).migrateToLatest();
    if (error) throw error;
    return;
  }
  await db.kysely.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const { error } = await new Migrator({ db: connection, provider }).migrateToLatest();
      if (error) throw error;
      await sql`COMMIT`.execute(connection);
    } catch (err) {
      await sql`ROLLBACK`.execute(connection);
      throw err;
    }
  });
}

/** Closing twice (a shutdown path and a test's cleanup) closes once. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/** Answers when the database does (the API's readiness). */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db.kysely);
}
