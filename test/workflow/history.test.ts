/**
 * History stays small, and representative histories are kept for replay. With
 * RECORD_HISTORIES=1 (npm run histories:record) this test also rewrites test/histories/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';
import { SCENARIOS } from '../scenarios/parcours-types';

/** Temporal warns at 10,240 events (and at 10 MB); a year must stay far below. */
const HISTORY_WARNING = 10_240;

describe('history size', () => {
  const harness = useTimeSkippingHarness();

  it.each(Object.keys(SCENARIOS) as Array<keyof typeof SCENARIOS>)('%s stays far below the history warning', async (name) => {
    const p = await ParcoursDriver.start(harness());
    await SCENARIOS[name](p);
    const history = await p.handle.fetchHistory();
    const events = history.events?.length ?? 0;
    console.log(`history of ${name}: ${events} events`);
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThan(HISTORY_WARNING / 10);
    if (process.env.RECORD_HISTORIES === '1') {
      fs.writeFileSync(path.join(__dirname, '../histories', `${name}.json`), historyToJSON(history) + '\n');
    }
  });
});
