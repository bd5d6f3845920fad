/** An auditor replays an exported history and reads each decision with its legal basis. */
import fs from 'node:fs';
import path from 'node:path';
import { audit, formatReport } from '../../lib/audit';
import { workflowBundle } from '../helpers/tools';
import '../helpers/harness';

const history = JSON.parse(fs.readFileSync(path.join(__dirname, '../histories/uneAnnee.json'), 'utf8'));

describe('audit of an exported history', () => {
  it('confirms the current code takes the same decisions and lists them with their basis', async () => {
    const report = await audit(history, 'uneAnnee', { workflowBundle: workflowBundle() });
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
    const report = await audit(tampered, 'uneAnnee-tampered', { workflowBundle: workflowBundle() });
    expect(report.replayError).toMatch(/[Nn]ondeterminism/);
  });
});
