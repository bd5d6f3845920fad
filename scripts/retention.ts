/**
 * `npm run retention -- [--dry-run] [--mois <n>]`: runs the retention now (the same workflow the
 * nightly Schedule starts) and prints its report. `--dry-run` lists what would be purged and
 * changes nothing; the period defaults to PARCOURS_RETENTION_MOIS (docs/privacy.md).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { RetentionReport } from '../activities/retention';
import { DEV_KEYRING_WARNING, loadKeySource } from '../lib/codec/config';
import { encryptingDataConverter } from '../lib/codec/data-converter';
import { loadConfig } from '../lib/config';
import type { RetentionInput } from '../workflows/retention';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const at = args.indexOf('--mois');
  const input: RetentionInput = { periodeMois: at >= 0 ? Number(args[at + 1]) : config.retention.mois, dryRun: args.includes('--dry-run') };
  if (config.codec.development) console.error(`WARNING: ${DEV_KEYRING_WARNING}`);
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter: encryptingDataConverter(loadKeySource(config.codec)) });
    const report = (await client.workflow.execute('retention', { taskQueue: config.taskQueue, workflowId: `parcours-retention-manuelle-${randomUUID()}`, args: [input] })) as RetentionReport;
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : err);
  process.exit(1);
});
