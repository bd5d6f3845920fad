/**
 * Legal time must give the same answers inside the deterministic workflow sandbox as in plain
 * Node (issue: the calendar is used by workflow code without breaking determinism).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { civilDateInBrussels, expiryInstant, fromDayNumber, lastDayOfPeriod, legalHolidays, toDayNumber, type Period } from '../../domain/calendar';
import { FAILURE_CONVERTER_PATH } from '../../lib/codec/data-converter';
import { testDataConverter } from '../helpers/codec';
import { startTimeSkipping } from '../helpers/harness';
import type { calendarProbe, ProbeCase } from './probes/calendar-probe';

describe('legal calendar inside the workflow sandbox', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkipping();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('computes the same last days, instants and holidays as plain Node', async () => {
    const cases: ProbeCase[] = fc.sample(
      fc.record({
        from: fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber),
        period: fc.record({ amount: fc.integer({ min: 1, max: 21 }), unit: fc.constantFrom<Period['unit']>('jours', 'joursOuvrables', 'semaines', 'mois') }),
      }),
      { numRuns: 300, seed: 20251009 },
    );
    const years = [2025, 2026, 2027, 2028, 2029, 2030];
    const taskQueue = `probe-${randomUUID()}`;
    // The environment's client encrypts (test/helpers/harness.ts): the probe's worker decodes alike.
    const { code } = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'probes/calendar-probe.ts'), failureConverterPath: FAILURE_CONVERTER_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { code }, dataConverter: testDataConverter() });
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof calendarProbe>('calendarProbe', { taskQueue, workflowId: `probe-${randomUUID()}`, args: [cases, years] }),
    );

    const lastDays = cases.map((c) => lastDayOfPeriod(c.from, c.period));
    expect(result.lastDays).toEqual(lastDays);
    expect(result.expiries).toEqual(lastDays.map(expiryInstant));
    expect(result.holidays).toEqual(years.flatMap((y) => legalHolidays(y).map((h) => h.date)));
    expect(result.todayInBrussels).toBe(civilDateInBrussels(result.workflowNow));
  });
});
