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
import { openDatabase } from '../lib/db';
import { DossierStore, journalKey } from '../lib/dossier-store';
import { RetentionStore } from '../lib/retention/store';

const PARCOURS = Number(process.env.PARCOURS ?? 20_000);
const LIGNES = Number(process.env.LIGNES ?? 60);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-retention-'));
  // PARCOURS_DATABASE_URL measures on PostgreSQL instead (a database of its own: the bench fills it).
  const db = await openDatabase(process.env.PARCOURS_DATABASE_URL ?? path.join(dir, 'parcours.db'));
  const dossier = new DossierStore(db);
  for (let p = 0; p < PARCOURS; p++) {
    const id = `ce-${String(p).padStart(32, '0')}`;
    const start = addDays('2022-01-03', p % 1000);
    const lines = Array.from({ length: LIGNES }, (_, i) => {
      const l = i + 1;
      const late = p % 20 === 0 && l === LIGNES;
      return { key: journalKey(l), date: late ? '2026-01-01' : addDays(start, l * 7), kind: 'fait', code: late ? 'rectification.annulation' : 'contactMensuel', resume: 'résumé de la ligne', data: late ? { annule: l - 1 } : { contact: { nom: 'x', email: 'x@y.z' } } };
    });
    await dossier.append(id, lines, '2026-01-01T00:00:00.000Z');
  }
  const retention = new RetentionStore(db);
  await retention.checkpoint();
  const mb = (fs.statSync(path.join(dir, 'parcours.db')).size + (fs.existsSync(path.join(dir, 'parcours.db-wal')) ? fs.statSync(path.join(dir, 'parcours.db-wal')).size : 0)) / 1e6;
  let t = process.hrtime.bigint();
  const candidats = await retention.candidats('2023-06-30');
  const queryMs = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`candidates over ${PARCOURS} parcours × ${LIGNES} lines (${mb.toFixed(0)} MB): ${queryMs.toFixed(0)} ms, ${candidats.length} found`);
  const n = Math.min(200, candidats.length);
  t = process.hrtime.bigint();
  for (const c of candidats.slice(0, n)) await retention.anonymiser(c, { executions: 1, periodeMois: 24 });
  await retention.checkpoint();
  console.log(`anonymisation: ${(Number(process.hrtime.bigint() - t) / 1e6 / n).toFixed(2)} ms per parcours (${n} parcours, checkpoint included)`);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const codec = new EncryptionCodec(new StaticKeyring([{ id: 'bench', material: Buffer.alloc(32, 7) }], 'bench'));
  const payload = defaultPayloadConverter.toPayload({ texte: 'x'.repeat(2000) })!;
  const rounds = 20_000;
  t = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await codec.decode(await codec.encode([payload]));
  console.log(`codec: ${(Number(process.hrtime.bigint() - t) / 1e3 / rounds).toFixed(1)} µs per 2 kB payload, encode + decode`);
}

void main();
