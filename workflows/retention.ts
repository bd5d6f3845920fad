/**
 * The retention job (docs/privacy.md): started every night by the Schedule of
 * lib/retention/schedule.ts, or by hand (`npm run retention`). Durable like any workflow: a
 * worker that dies mid-purge leaves the activity to be retried, and a purge is idempotent.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities, RetentionReport } from '../activities/retention';
import { addMonths, civilDateInBrussels } from '../domain/calendar';

export interface RetentionInput {
  /** Months after the dossier's last line (PARCOURS_RETENTION_MOIS). */
  periodeMois: number;
  /** Report what would be purged, change nothing. */
  dryRun?: boolean;
}

/** The bounds of PARCOURS_RETENTION_MOIS (lib/retention/config.ts), checked again for runs started by hand. */
export const RETENTION_MOIS_MIN = 3;
export const RETENTION_MOIS_MAX = 120;

const { purgerParcoursEchus } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumAttempts: 5 },
});

export async function retention({ periodeMois, dryRun = false }: RetentionInput): Promise<RetentionReport> {
  if (!Number.isInteger(periodeMois) || periodeMois < RETENTION_MOIS_MIN || periodeMois > RETENTION_MOIS_MAX) {
    throw ApplicationFailure.nonRetryable(`periodeMois doit être un nombre entier de mois de ${RETENTION_MOIS_MIN} à ${RETENTION_MOIS_MAX} (reçu ${periodeMois})`, 'RetentionInvalide');
  }
  const jusqua = addMonths(civilDateInBrussels(Date.now()), -periodeMois);
  return purgerParcoursEchus({ jusqua, periodeMois, dryRun });
}
