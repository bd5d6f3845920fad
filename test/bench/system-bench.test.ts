/**
 * Keeps `npm run bench:system` working: a tiny run on the real stack must complete and print its
 * table and ratios. Nothing is asserted about the numbers (house rule 8: speed is measured in
 * benchmarks, never asserted in tests).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { temporalCliPath } from '../helpers/tools';

const run = promisify(execFile);

describe('the system benchmark', () => {
  it('starts the stack, measures the five paths and prints them side by side', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/system.ts', '--n', '12', '--concurrency', '2', '--parcours', '4'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, TEMPORAL_CLI_PATH: temporalCliPath() },
      timeout: 170_000,
    });
    const rows = stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| path'));
    const paths = ['bare Update', 'bare Update + no-op activity', 'bare Update + no-op local activity', 'evenement Update (client)', 'HTTP API (POST contactMensuel)'];
    const table = rows.filter((r) => r.split('|').length === 11);
    expect(table.map((r) => r.split('|')[1].trim())).toEqual(paths);
    // Every request of the tiny run was answered: the failed column is 0 on each row.
    expect(table.map((r) => r.split('|')[8].trim())).toEqual(paths.map(() => '0'));
    expect(stdout).toMatch(/evenement Update \/ bare Update: +\d+\.\d\d/);
    expect(stdout).toMatch(/HTTP API over the client path: +throughput/);
  }, 180_000);
});
