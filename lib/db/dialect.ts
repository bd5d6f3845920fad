/**
 * What SQLite and PostgreSQL say differently, side by side and nowhere else: reading a value out
 * of a JSON text column, counting days between two dates, and the identity column. Every other
 * query is written once (Kysely's builder, or plain SQL both dialects read alike).
 */
import { sql, type ColumnDefinitionBuilder, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a SQLite file (or `:memory:`). */
export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/**
 * The text at `path` in the JSON text of `column` (`d.data`, `reference`). Literal, not bound, so
 * that an index on it and a query through it are the same expression (PostgreSQL uses an
 * expression index only then).
 */
export function jsonText(dialect: DialectName, column: string, ...path: string[]): RawBuilder<string | null> {
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)})`
    : sql<string | null>`(${sql.ref(column)}::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`;
}

/** The integer at `path` in the JSON text of `column`. */
export function jsonInteger(dialect: DialectName, column: string, ...path: string[]): RawBuilder<number | null> {
  return dialect === 'sqlite' ? sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)})` : sql<number | null>`(${jsonText(dialect, column, ...path)}::integer)`;
}

/** Whole days from the civil date `from` to `to` (both `YYYY-MM-DD` text). */
export function daysBetween(dialect: DialectName, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`CAST(julianday(${to}) - julianday(${from}) AS INTEGER)` : sql<number>`(${to}::date - ${from}::date)`;
}

/** A row number given by the database: AUTOINCREMENT in SQLite (never reused), an identity column in PostgreSQL. */
export function identity(dialect: DialectName) {
  return (column: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey().generatedByDefaultAsIdentity());
}

/** The column type of such a row number: SQLite's INTEGER is 64 bits already. */
export function identityType(dialect: DialectName): 'integer' | 'bigint' {
  return dialect === 'sqlite' ? 'integer' : 'bigint';
}
