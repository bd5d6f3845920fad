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
