/**
 * `npm run bench:retention`: what the nightly retention costs the product database, and what the
 * codec costs a payload. Prints numbers; asserts nothing.
 *   - the candidates' query over a dossier of PARCOURS parcours × LIGNES lines (5 % with late facts)
 *   - one anonymisation (statistics, deletes, audit line) with secure_delete on
 *   - AES-256-GCM encode + decode of a 2 kB payload (a CPAS request with its state)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { addDays } from '../domain/calendar';
import { EncryptionCodec } from '../lib/codec/encryption-codec';
import { StaticKeyring } from '../lib/codec/keyring';
import { openDatabase } from '../lib/database';
import { journalKey } from '../lib/dossier-store';
import { RetentionStore } from '../lib/retention/store';

const PARCOURS = Number(process.env.PARCOURS ?? 20_000);
const LIGNES = Number(process.env.LIGNES ?? 60);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-retention-'));
  const db = openDatabase(path.join(dir, 'parcours.db'));
  const insert = db.prepare(`INSERT INTO dossier (parcours_id, entry_key, date, kind, code, resume, data, recorded_at) VALUES (?, ?, ?, 'fait', ?, 'résumé de la ligne', ?, '2026-01-01T00:00:00.000Z')`);
  db.transaction(() => {
    for (let p = 0; p < PARCOURS; p++) {
      const id = `ce-${String(p).padStart(32, '0')}`;
      const start = addDays('2022-01-03', p % 1000);
      for (let l = 1; l <= LIGNES; l++) {
        const late = p % 20 === 0 && l === LIGNES;
        insert.run(id, journalKey(l), late ? '2026-01-01' : addDays(start, l * 7), late ? 'rectification.annulation' : 'contactMensuel', late ? JSON.stringify({ annule: l - 1 }) : JSON.stringify({ contact: { nom: 'x', email: 'x@y.z' } }));
      }
    }
  })();
  const retention = new RetentionStore(db);
  retention.checkpoint();
  const mb = (fs.statSync(path.join(dir, 'parcours.db')).size + (fs.existsSync(path.join(dir, 'parcours.db-wal')) ? fs.statSync(path.join(dir, 'parcours.db-wal')).size : 0)) / 1e6;
  let t = process.hrtime.bigint();
  const candidats = retention.candidats('2023-06-30');
  const queryMs = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`candidates over ${PARCOURS} parcours × ${LIGNES} lines (${mb.toFixed(0)} MB): ${queryMs.toFixed(0)} ms, ${candidats.length} found`);
  const n = Math.min(200, candidats.length);
  t = process.hrtime.bigint();
  for (const c of candidats.slice(0, n)) retention.anonymiser(c, { executions: 1, periodeMois: 24 });
  retention.checkpoint();
  console.log(`anonymisation: ${(Number(process.hrtime.bigint() - t) / 1e6 / n).toFixed(2)} ms per parcours (${n} parcours, checkpoint included)`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const codec = new EncryptionCodec(new StaticKeyring([{ id: 'bench', material: Buffer.alloc(32, 7) }], 'bench'));
  const payload = defaultPayloadConverter.toPayload({ texte: 'x'.repeat(2000) })!;
  const rounds = 20_000;
  t = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await codec.decode(await codec.encode([payload]));
  console.log(`codec: ${(Number(process.hrtime.bigint() - t) / 1e3 / rounds).toFixed(1)} µs per 2 kB payload, encode + decode`);
}

void main();
