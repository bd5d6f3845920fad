/**
 * `npm run audit -- <history.json>`: replay a parcours history exported from the Temporal UI
 * (Download → JSON) or `temporal workflow show -w <id> --output json`, and print its decisions.
 * Exits 1 when the current code would not take the same decisions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { audit, formatReport } from '../lib/audit';

Runtime.install({ logger: new DefaultLogger('WARN') });

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run audit -- <history.json>');
    process.exit(2);
  }
  const report = await audit(JSON.parse(fs.readFileSync(file, 'utf8')), path.basename(file, '.json'), {
    workflowsPath: require.resolve('../workflows'),
  });
  console.log(formatReport(report));
  process.exit(report.replayError ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
