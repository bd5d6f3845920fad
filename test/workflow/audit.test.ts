/** An auditor replays an exported history and reads each decision with its legal basis. */
import fs from 'node:fs';
import path from 'node:path';
import { audit, formatReport } from '../../lib/audit';
import { encryptingDataConverter } from '../../lib/codec/data-converter';
import { StaticKeyring } from '../../lib/codec/keyring';
import { replayDataConverter, TEST_KEY_2 } from '../helpers/codec';
import { ADULTE, demandeCpas } from '../helpers/fixtures';
import { found, withBase64Decoded } from '../helpers/personal-data';
import { workflowBundle } from '../helpers/tools';
import '../helpers/harness';

const history = JSON.parse(fs.readFileSync(path.join(__dirname, '../histories/uneAnnee.json'), 'utf8'));

describe('audit of an exported history', () => {
  it('confirms the current code takes the same decisions and lists them with their basis', async () => {
    const report = await audit(history, 'uneAnnee', { workflowBundle: workflowBundle(), dataConverter: replayDataConverter() });
    expect(report.replayError).toBeUndefined();
    const suspension = report.entries.find((e) => e.code === 'suspension');
    expect(suspension).toMatchObject({ kind: 'decision', legalBasis: { ruleId: 'absence.seconde', basis: expect.stringContaining('art. 30 §3'), regime: 'aocs-2025' } });
    expect(report.entries.filter((e) => e.code === 'contactMensuel').length).toBeGreaterThanOrEqual(10);
    expect(report.entries.map((e) => e.seq)).toEqual(report.entries.map((_, i) => i + 1));
    expect(formatReport(report)).toContain('↳ absence.seconde — AGW 21/12/2022, art. 30 §3 (remplacé par AGW 09/10/2025) ; AGW 21/12/2022, art. 32, al. 1er, 2° (remplacé par AGW 09/10/2025)');
  });

  it('reads the lines of a history recorded before the local dossier write from the activity inputs', async () => {
    const old = JSON.parse(fs.readFileSync(path.join(__dirname, '../histories/uneAnnee-2026-11-23.json'), 'utf8'));
    const report = await audit(old, 'uneAnnee-2026-11-23', { workflowBundle: workflowBundle() });
    expect(report.replayError).toBeUndefined();
    expect(report.entries.find((e) => e.code === 'suspension')).toMatchObject({ kind: 'decision', legalBasis: { ruleId: expect.any(String), basis: expect.stringContaining('art. 32') } });
    expect(report.entries.map((e) => e.seq)).toEqual(report.entries.map((_, i) => i + 1));
  });

  it('reports a history that the current code would decide differently', async () => {
    // Tamper with the history: the first dossier write (a local activity's marker) names another activity.
    const tampered = JSON.parse(JSON.stringify(history));
    const marker = tampered.events.find((e: { markerRecordedEventAttributes?: { markerName: string } }) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    const data = marker.markerRecordedEventAttributes.details.data.payloads[0];
    const decoded = JSON.parse(Buffer.from(data.data, 'base64').toString('utf8'));
    expect(decoded.activity_type).toBe('ecrireDossierLocal');
    data.data = Buffer.from(JSON.stringify({ ...decoded, activity_type: 'envoyerEmail' })).toString('base64');
    const report = await audit(tampered, 'uneAnnee-tampered', { workflowBundle: workflowBundle(), dataConverter: replayDataConverter() });
    expect(report.replayError).toMatch(/[Nn]ondeterminism/);
  });
});

/**
 * A history recorded after payload encryption, under test key 1; the replay's keyring has since
 * made key 2 the encrypting key (rotation), and still holds key 1.
 */
describe('audit of an encrypted history', () => {
  const file = 'uneAnnee-chiffre.json';
  const encrypted = JSON.parse(fs.readFileSync(path.join(__dirname, '../histories', file), 'utf8'));
  const personal = [demandeCpas('2026-01-01').contact.nom, demandeCpas('2026-01-01').contact.email, demandeCpas('2026-01-01').personne.nom, demandeCpas('2026-01-01').elements.projet, ADULTE.dateNaissance];

  it('holds no personal value in clear: every payload is encrypted under key 1 but the patch markers and search attributes', () => {
    expect(found(withBase64Decoded(encrypted), personal)).toEqual([]);
    const seen: Record<string, number> = {};
    const walk = (v: unknown, where: string): void => {
      if (Array.isArray(v)) return v.forEach((x) => walk(x, where));
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      const metadata = o.metadata as Record<string, string> | undefined;
      if (metadata?.encoding) {
        const encoding = Buffer.from(metadata.encoding, 'base64').toString();
        const keyId = metadata['encryption-key-id'] ? Buffer.from(metadata['encryption-key-id'], 'base64').toString() : '-';
        seen[`${where} ${encoding} ${keyId}`] = (seen[`${where} ${encoding} ${keyId}`] ?? 0) + 1;
        return;
      }
      for (const [k, x] of Object.entries(o)) walk(x, k.endsWith('EventAttributes') ? k : where);
    };
    walk(encrypted.events, '');
    // In clear only what the server must read or the SDK's core writes: patch ids, no one's data.
    expect(Object.keys(seen).sort()).toEqual([
      'activityTaskCompletedEventAttributes binary/encrypted test-1',
      'activityTaskScheduledEventAttributes binary/encrypted test-1',
      'markerRecordedEventAttributes binary/encrypted test-1', // the local dossier write's result (from patch sanctions-selon-agw)
      'markerRecordedEventAttributes json/plain -',
      'upsertWorkflowSearchAttributesEventAttributes json/plain -',
      'workflowExecutionSignaledEventAttributes binary/encrypted test-1',
      'workflowExecutionStartedEventAttributes binary/encrypted test-1',
    ]);
  });

  it('replays and audits after key 2 became the encrypting key, and reads the CPAS request', async () => {
    const report = await audit(encrypted, 'uneAnnee-chiffre', { workflowBundle: workflowBundle(), dataConverter: replayDataConverter() });
    expect(report.replayError).toBeUndefined();
    expect(report.entries.find((e) => e.code === 'demande')?.data).toMatchObject({ contact: demandeCpas('2026-01-01').contact, elements: demandeCpas('2026-01-01').elements });
  });

  it('cannot be read without key 1, and says which key is missing', async () => {
    const report = await audit(encrypted, 'uneAnnee-chiffre', { workflowBundle: workflowBundle(), dataConverter: encryptingDataConverter(new StaticKeyring([TEST_KEY_2], TEST_KEY_2.id)) });
    expect(report.replayError).toMatch(/the history cannot be decoded: payload encrypted with key "test-1", which is not held/);
    expect(report.entries).toEqual([]);
  });
});
