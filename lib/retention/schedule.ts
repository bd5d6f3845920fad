/**
 * The Temporal Schedule that starts the retention every night (docs/privacy.md). The worker
 * process makes sure it exists with the configured period at each start; several workers
 * starting together end with one schedule.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { RetentionInput } from '../../workflows/retention';
import type { RetentionConfig } from './config';

export const RETENTION_SCHEDULE_ID = 'parcours-retention';

export function retentionScheduleOptions(config: RetentionConfig, taskQueue: string): ScheduleOptions {
  const input: RetentionInput = { periodeMois: config.mois, dryRun: config.dryRun };
  return {
    scheduleId: RETENTION_SCHEDULE_ID,
    // 03:15 in Brussels: after midnight's deadlines, before the working day.
    spec: { calendars: [{ hour: 3, minute: 15 }], timezone: 'Europe/Brussels' },
    action: { type: 'startWorkflow', workflowType: 'retention', workflowId: 'parcours-retention', taskQueue, args: [input] },
    // One purge at a time; a night missed while the cluster was down is caught up once.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { description: `Retention: ended parcours purged ${config.mois} months after their dossier's last line${config.dryRun ? ' (dry run)' : ''}` },
  };
}

/** Creates the schedule, or brings an existing one to the configured period and mode. */
export async function ensureRetentionSchedule(client: Client, config: RetentionConfig, taskQueue: string): Promise<void> {
  const options = retentionScheduleOptions(config, taskQueue);
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(RETENTION_SCHEDULE_ID).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: { ...previous.policies, ...options.policies } }));
  }
}
