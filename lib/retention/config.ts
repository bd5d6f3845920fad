/**
 * How long an ended parcours is kept before its personal data is erased (docs/privacy.md). No
 * seed text fixes the period: the default is the product's, the Forem's data protection officer
 * sets the real one. It cannot be shorter than the three months a closed parcours stays open to
 * late facts (spec §11), which the purge waits for anyway.
 */
export interface RetentionConfig {
  /** Months after the last line of an ended parcours' dossier. */
  mois: number;
  /** The scheduled job only reports what it would purge (a first deployment, a review). */
  dryRun: boolean;
}

export function loadRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  const raw = env.PARCOURS_RETENTION_MOIS;
  const mois = raw === undefined ? 24 : Number(raw);
  if (!Number.isInteger(mois) || mois < 3 || mois > 120) throw new Error(`PARCOURS_RETENTION_MOIS must be a whole number of months from 3 to 120 (got ${raw})`);
  const dry = (env.PARCOURS_RETENTION_DRY_RUN ?? '').trim().toLowerCase();
  if (!['', '0', 'false', '1', 'true'].includes(dry)) throw new Error(`PARCOURS_RETENTION_DRY_RUN must be true or false (got ${env.PARCOURS_RETENTION_DRY_RUN})`);
  return { mois, dryRun: dry === '1' || dry === 'true' };
}
