/** The product database: one data layer over SQLite and PostgreSQL (docs/technical-description.md, « Database »). */
export { openDatabase, ping, type Db, type OpenOptions } from './open';
export { dialectOf, jsonText, jsonInteger, daysBetween, type DialectName } from './dialect';
export type { Tables } from './schema';
