/** An auditor replays an exported history and reads each decision with its legal basis. */
import fs from 'node:fs';
import path from 'node:path';
import { audit, formatReport } from '../../lib/audit';
import { replayDataConverter } from '../helpers/codec';
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

  it('reports a history that the current code would decide differently', async () => {
    // Tamper with the history: the dossier write after the first workflow task names another activity.
    const tampered = JSON.parse(JSON.stringify(history));
    const scheduled = tampered.events.find((e: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }) => e.activityTaskScheduledEventAttributes?.activityType.name === 'ecrireDossier');
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'envoyerEmail';
    const report = await audit(tampered, 'uneAnnee-tampered', { workflowBundle: workflowBundle(), dataConverter: replayDataConverter() });
    expect(report.replayError).toMatch(/[Nn]ondeterminism/);
  });
});
