/**
 * Determinism: every history kept under test/histories/ must replay against today's workflow
 * code. A change that would break running parcours fails here (see docs/versioning-and-audit.md).
 * Histories recorded before payload encryption are in clear, later ones encrypted under a test
 * key: the replay decodes with the test keyring, as a worker decodes with the production one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { replayDataConverter } from '../helpers/codec';
import { workflowBundle } from '../helpers/tools';
import { SCENARIOS } from '../scenarios/parcours-types';
import { PATCHES } from '../../workflows/definitions';
import '../helpers/harness'; // quiet runtime logger

const dir = path.join(__dirname, '../histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded parcours and conventions', () => {
  it('has histories to replay, a convention’s among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    // Recorded by test/workflow/convention-timers.test.ts: two years of reminders, a notice, the end.
    expect(files).toContain('convention-29fevrier.json');
  });

  it('replays every history without non-determinism', async () => {
    const histories = files.map((f) => ({ workflowId: path.basename(f, '.json'), history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundle(), dataConverter: replayDataConverter() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});

/** The patch ids a recorded history's markers name (`core_patch` markers are in clear). */
function patchIds(file: string): string[] {
  const events = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).events as Array<{ markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads: Array<{ data: string }> }> } }>;
  return events.flatMap((e) => {
    const a = e.markerRecordedEventAttributes;
    const data = a?.markerName === 'core_patch' ? a.details?.['patch-data']?.payloads[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { id: string }).id] : [];
  });
}

describe('patch emails-cpas-nominatifs (issue 15)', () => {
  const patch = PATCHES.emailsCpasNominatifs;

  it('the histories recorded before it carry no marker of it; those recorded since, every scenario, do', () => {
    const avant = files.filter((f) => f.endsWith('-2026-11-24.json'));
    expect(avant.length).toBeGreaterThanOrEqual(6);
    for (const f of avant) expect(patchIds(f)).not.toContain(patch);
    for (const name of Object.keys(SCENARIOS)) expect(patchIds(`${name}.json`)).toContain(patch);
  });

  // Recorded by the code before the patch: the CPAS whose request was rejected while the registration
  // had ended was not told of the re-registration. Without the patch's gate the current code would
  // schedule that e-mail where the history has a timer.
  it('a parcours recorded before it, where the patch now e-mails one CPAS more, replays as it ran', async () => {
    const file = 'orienteeReinscrite-2026-11-24.json';
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const result = await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: replayDataConverter() }, history, 'orienteeReinscrite-2026-11-24').then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(result).toBeUndefined();
  });
});
