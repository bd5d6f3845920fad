/**
 * Run-time settings, all with embedded defaults so that `make start` needs nothing set.
 * Production overrides them through the environment (see docker-compose.yml).
 */
import path from 'node:path';

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
  };
}
