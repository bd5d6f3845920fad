/**
 * Looking for personal values where they must not be: the bytes of a SQLite database with its
 * write-ahead log, and HTTP answers whose payloads are base64 (the Temporal UI's API).
 */
import fs from 'node:fs';

/** The database file and its WAL as they are on disk now (the WAL holds the latest writes). */
export function sqliteBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** The values found in `bytes` as UTF-8. */
export function found(bytes: Buffer, values: readonly string[]): string[] {
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}

const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

/** A JSON answer's text followed by every base64 string in it, decoded. */
export function withBase64Decoded(json: unknown): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(json), 'utf8')];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (BASE64.test(v)) parts.push(Buffer.from(v, 'base64'));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(json);
  return Buffer.concat(parts);
}
