/**
 * A fresh product database for a test file, in either dialect: a SQLite file in a temporary
 * directory, or a database of its own on the run's private PostgreSQL (test/global-setup.ts), so
 * that test files never see each other's rows.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type DialectName } from '../../lib/db';

/** The dialects the store, API and end-to-end tiers run against. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  url: string;
  db: Db;
  /** Closes the database and removes it. */
  drop(): Promise<void>;
}

/** The URL of a new, empty database (its schema not yet migrated) and how to remove it. */
export async function createDatabaseUrl(dialect: DialectName): Promise<{ url: string; remove(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-db-'));
    return { url: path.join(dir, 'parcours.db'), remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.PARCOURS_TEST_POSTGRES_URL;
  if (!admin) throw new Error('PARCOURS_TEST_POSTGRES_URL is not set: the tests start their PostgreSQL in test/global-setup.ts (run them with jest)');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), remove: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  const { url, remove } = await createDatabaseUrl(dialect);
  // Few connections: every test file of the run shares the one cluster.
  const db = await openDatabase(url, { poolSize: 4 });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await remove();
    },
  };
}
