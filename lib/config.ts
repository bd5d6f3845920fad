/**
 * Run-time settings, all with embedded defaults so that `make start` needs nothing set.
 * Production overrides them through the environment (see docker-compose.yml).
 */
import path from 'node:path';
import { loadCodecConfig, type CodecConfig } from './codec/config';
import { loadRetentionConfig, type RetentionConfig } from './retention/config';

export interface Config {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  databasePath: string;
  smtpHost: string;
  smtpPort: number;
  mailFrom: string;
  serviceControleEmail: string;
  pseudonymSecret: string;
  apiPort: number;
  cpasRegistryPath: string;
  apiKeysPath: string;
  /** Spec §11: late facts apply at their date up to this many months back (never less than the three the law needs). */
  rectificationMois: number;
  /** Payload encryption and the codec server (docs/privacy.md). */
  codec: CodecConfig;
  /** Erasure of ended parcours (docs/privacy.md). */
  retention: RetentionConfig;
}

const ROOT = path.resolve(__dirname, '..');
export const DEV_PSEUDONYM_SECRET = 'parcours-dev-secret-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? 'localhost:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.PARCOURS_TASK_QUEUE ?? 'parcours',
    databasePath: env.PARCOURS_DATABASE ?? path.join(ROOT, 'data', 'parcours.db'),
    smtpHost: env.SMTP_HOST ?? 'localhost',
    smtpPort: Number(env.SMTP_PORT ?? 1025),
    mailFrom: env.MAIL_FROM ?? 'Parcours Forem <parcours@forem.invalid>',
    serviceControleEmail: env.SERVICE_CONTROLE_EMAIL ?? 'service-controle@forem.invalid',
    pseudonymSecret: env.PARCOURS_PSEUDONYM_SECRET ?? DEV_PSEUDONYM_SECRET,
    apiPort: Number(env.PORT ?? 3000),
    cpasRegistryPath: env.PARCOURS_CPAS_REGISTRY ?? path.join(ROOT, 'config', 'cpas.json'),
    apiKeysPath: env.PARCOURS_API_KEYS ?? path.join(ROOT, 'config', 'api-keys.dev.json'),
    rectificationMois: rectificationMois(env.PARCOURS_RECTIFICATION_MOIS),
    codec: loadCodecConfig(env),
    retention: loadRetentionConfig(env),
  };
}

/** The longest period whose outcome a late fact can change is three months (art. 32 al. 2, 33 §1 2°, §3): the bound may be longer, never shorter. */
function rectificationMois(value: string | undefined): number {
  if (value === undefined) return 3;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 3 || n > 24) throw new Error(`PARCOURS_RECTIFICATION_MOIS must be a whole number of months from 3 to 24 (got ${value})`);
  return n;
}
