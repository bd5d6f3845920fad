/**
 * Run-time settings, all with embedded defaults so that `make start` needs nothing set.
 * Production overrides them through the environment (see docker-compose.yml).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCodecConfig, type CodecConfig } from './codec/config';
import { dialectOf } from './db/dialect';
import { loadRetentionConfig, type RetentionConfig } from './retention/config';

export interface Config {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** `postgres://…` (production), or the path of a SQLite file (the embedded default). */
  databaseUrl: string;
  /** PostgreSQL: connections each process keeps open at most. */
  databasePoolSize: number;
  smtpHost: string;
  smtpPort: number;
  mailFrom: string;
  serviceControleEmail: string;
  pseudonymSecret: string;
  apiPort: number;
  /**
   * Where CPAS users reach Parcours (the portal): the e-mails to a CPAS link to
   * `<publicUrl>/portail/demandes/<reference>`. Without a trailing slash.
   */
  publicUrl: string;
  cpasRegistryPath: string;
  apiKeysPath: string;
  /** Spec §11: late facts apply at their date up to this many months back (never less than the three the law needs). */
  rectificationMois: number;
  /** NODE_ENV=production (the image sets it): development secrets and keys are refused. */
  production: boolean;
  /** How long an answer is kept for a retry with the same Idempotency-Key (Decision of issue 11: 7 days). */
  idempotencyRetentionDays: number;
  /** How long a reserved Idempotency-Key without an answer is honoured before a retry may take it over (an API process that died mid-request). */
  idempotencyAbandonedSeconds: number;
  /** Wrong API keys allowed per client address within the window, before 429. */
  authMaxFailures: number;
  authWindowSeconds: number;
  /** Payload encryption and the codec server (docs/privacy.md). */
  codec: CodecConfig;
  /** Erasure of ended parcours (docs/privacy.md). */
  retention: RetentionConfig;
  /** `host:port` of the API's Prometheus endpoint (`/metrics`); none when unset. */
  apiMetricsAddress?: string;
  /** `host:port` of the worker's Prometheus endpoint (the SDK's runtime metrics and the product's counters); none when unset. */
  workerMetricsAddress?: string;
  /** How many parcours the worker keeps in memory; the others are replayed from history when they next act. */
  maxCachedWorkflows?: number;
  /**
   * Which proxies' X-Forwarded-For the API believes (Express's `trust proxy`: `loopback`,
   * `uniquelocal`, addresses or CIDRs): behind a gateway, the client's address, by which failed
   * authentications are throttled, is the one it forwards. None when unset: the socket's peer.
   */
  trustProxy?: string;
  /** An e-mail not sent this long after its first attempt raises the operators' alert (log line and metric; default a day). */
  emailAlertSeconds: number;
  /** How often the API looks for such e-mails, to log each once. */
  emailCheckSeconds: number;
  /** The CPAS portal's sign-in (OpenID Connect) and session. */
  portal: PortalConfig;
}

export interface PortalConfig {
  /** The identity provider's issuer URL (discovery at `/.well-known/openid-configuration`). */
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  /** The claim holding the user's CPAS enterprise number. */
  oidcCpasClaim: string;
  /** Encrypts the session cookie; every API replica shares it, so a session works on each. */
  sessionSecret: string;
  /** Hours a session lasts from sign-in. */
  sessionHours: number;
  /** Which settings came from the development defaults (refused in production). */
  development: Array<'PARCOURS_OIDC_ISSUER' | 'PARCOURS_PORTAL_CLIENT_ID' | 'PARCOURS_PORTAL_CLIENT_SECRET' | 'PARCOURS_SESSION_SECRET'>;
}

/** The development identity provider `make start` runs (scripts/oidc-dev.ts). */
export const DEV_OIDC_PORT = 3001;
export const DEV_OIDC_CLIENT_ID = 'parcours-portail-dev';
export const DEV_OIDC_CLIENT_SECRET = 'parcours-portail-dev-secret';
const DEV_SESSION_SECRET = 'parcours-dev-session-secret-change-me';

function loadPortalConfig(env: NodeJS.ProcessEnv): PortalConfig {
  const development: PortalConfig['development'] = [];
  const dev = (name: PortalConfig['development'][number], fallback: string): string => {
    const value = env[name];
    if (value) return value;
    development.push(name);
    return fallback;
  };
  return {
    oidcIssuer: dev('PARCOURS_OIDC_ISSUER', `http://localhost:${env.PARCOURS_OIDC_DEV_PORT ?? DEV_OIDC_PORT}`),
    oidcClientId: dev('PARCOURS_PORTAL_CLIENT_ID', DEV_OIDC_CLIENT_ID),
    oidcClientSecret: dev('PARCOURS_PORTAL_CLIENT_SECRET', DEV_OIDC_CLIENT_SECRET),
    oidcCpasClaim: env.PARCOURS_OIDC_CPAS_CLAIM ?? 'numero_entreprise',
    sessionSecret: dev('PARCOURS_SESSION_SECRET', DEV_SESSION_SECRET),
    sessionHours: positive(env.PARCOURS_SESSION_HOURS, 8, 'PARCOURS_SESSION_HOURS'),
    development,
  };
}

const ROOT = path.resolve(__dirname, '..');
export const DEV_PSEUDONYM_SECRET = 'parcours-dev-secret-change-me';
export const DEV_API_KEYS_PATH = path.join(ROOT, 'config', 'api-keys.dev.json');

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number: ${value}`);
  return n;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? 'localhost:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.PARCOURS_TASK_QUEUE ?? 'parcours',
    // PARCOURS_DATABASE, a SQLite file's path, is the variable's name before PostgreSQL.
    databaseUrl: env.PARCOURS_DATABASE_URL ?? env.PARCOURS_DATABASE ?? path.join(ROOT, 'data', 'parcours.db'),
    databasePoolSize: positive(env.PARCOURS_DATABASE_POOL_SIZE, 10, 'PARCOURS_DATABASE_POOL_SIZE'),
    smtpHost: env.SMTP_HOST ?? 'localhost',
    smtpPort: Number(env.SMTP_PORT ?? 1025),
    mailFrom: env.MAIL_FROM ?? 'Parcours Forem <parcours@forem.invalid>',
    serviceControleEmail: env.SERVICE_CONTROLE_EMAIL ?? 'service-controle@forem.invalid',
    pseudonymSecret: env.PARCOURS_PSEUDONYM_SECRET ?? DEV_PSEUDONYM_SECRET,
    apiPort: Number(env.PORT ?? 3000),
    publicUrl: publicUrl(env.PARCOURS_PUBLIC_URL, Number(env.PORT ?? 3000)),
    cpasRegistryPath: env.PARCOURS_CPAS_REGISTRY ?? path.join(ROOT, 'config', 'cpas.json'),
    apiKeysPath: env.PARCOURS_API_KEYS ?? DEV_API_KEYS_PATH,
    production: env.NODE_ENV === 'production',
    idempotencyRetentionDays: positive(env.PARCOURS_IDEMPOTENCY_RETENTION_DAYS, 7, 'PARCOURS_IDEMPOTENCY_RETENTION_DAYS'),
    idempotencyAbandonedSeconds: positive(env.PARCOURS_IDEMPOTENCY_ABANDONED_SECONDS, 120, 'PARCOURS_IDEMPOTENCY_ABANDONED_SECONDS'),
    authMaxFailures: positive(env.PARCOURS_AUTH_MAX_FAILURES, 10, 'PARCOURS_AUTH_MAX_FAILURES'),
    authWindowSeconds: positive(env.PARCOURS_AUTH_WINDOW_SECONDS, 300, 'PARCOURS_AUTH_WINDOW_SECONDS'),
    rectificationMois: rectificationMois(env.PARCOURS_RECTIFICATION_MOIS),
    emailAlertSeconds: positive(env.PARCOURS_EMAIL_ALERT_SECONDS, 86_400, 'PARCOURS_EMAIL_ALERT_SECONDS'),
    emailCheckSeconds: positive(env.PARCOURS_EMAIL_CHECK_SECONDS, 60, 'PARCOURS_EMAIL_CHECK_SECONDS'),
    codec: loadCodecConfig(env),
    retention: loadRetentionConfig(env),
    ...(env.PARCOURS_API_METRICS ? { apiMetricsAddress: env.PARCOURS_API_METRICS } : {}),
    ...(env.PARCOURS_WORKER_METRICS ? { workerMetricsAddress: env.PARCOURS_WORKER_METRICS } : {}),
    ...(env.PARCOURS_TRUST_PROXY ? { trustProxy: env.PARCOURS_TRUST_PROXY } : {}),
    ...(env.PARCOURS_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: positive(env.PARCOURS_MAX_CACHED_WORKFLOWS, 0, 'PARCOURS_MAX_CACHED_WORKFLOWS') } : {}),
    portal: loadPortalConfig(env),
  };
}

/** The longest period whose outcome a late fact can change is three months (art. 32 al. 2, 33 §1 2°, §3): the bound may be longer, never shorter. */
function rectificationMois(value: string | undefined): number {
  if (value === undefined) return 3;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 3 || n > 24) throw new Error(`PARCOURS_RECTIFICATION_MOIS must be a whole number of months from 3 to 24 (got ${value})`);
  return n;
}

/** An absolute http(s) URL without query or fragment; by default the API on this machine, as `make start` serves it. */
function publicUrl(value: string | undefined, apiPort: number): string {
  if (!value) return `http://localhost:${apiPort}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PARCOURS_PUBLIC_URL must be an absolute URL such as https://parcours.forem.be (got ${value})`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`PARCOURS_PUBLIC_URL must be an http(s) URL without credentials, query or fragment (got ${value})`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Hosts that only the machine itself reaches: a link to them in an e-mail leads nowhere. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/** SHA-256 hashes of the development keys, which anyone can read in the repository. */
export function developmentKeyHashes(): string[] {
  try {
    return (JSON.parse(fs.readFileSync(DEV_API_KEYS_PATH, 'utf8')) as { keys: Array<{ sha256: string }> }).keys.map((k) => k.sha256);
  } catch {
    return [];
  }
}

/**
 * Why this configuration must not run in production: the development pseudonym secret (anyone
 * could recompute a parcoursId from a NISS), development API keys (public in the repository), by
 * their path or by a key copied into another file, or a SQLite file for the product database (one
 * host only, and the case files of a public body on a local file). Empty when it may.
 */
export function productionProblems(config: Pick<Config, 'pseudonymSecret' | 'apiKeysPath' | 'databaseUrl' | 'publicUrl'> & Partial<Pick<Config, 'portal'>>, keyHashes: string[]): string[] {
  const problems: string[] = [...publicUrlProblems(config), ...databaseProblems(config)];
  // The portal's identity provider and its session key: the development ones are public.
  for (const name of config.portal?.development ?? []) problems.push(`${name} is not set: the CPAS portal's development value is refused in production`);
  if (config.pseudonymSecret === DEV_PSEUDONYM_SECRET) problems.push('PARCOURS_PSEUDONYM_SECRET is not set: the development pseudonym secret is refused in production');
  if (path.resolve(config.apiKeysPath) === DEV_API_KEYS_PATH) problems.push('PARCOURS_API_KEYS names the development keys file, refused in production');
  else {
    const dev = new Set(developmentKeyHashes());
    if (keyHashes.some((h) => dev.has(h))) problems.push(`the API keys file ${config.apiKeysPath} holds development keys, refused in production`);
  }
  return problems;
}

/** Production runs on PostgreSQL, shared by every worker and API process; the worker checks this too. */
export function databaseProblems(config: Pick<Config, 'databaseUrl'>): string[] {
  return dialectOf(config.databaseUrl) === 'sqlite' ? [`PARCOURS_DATABASE_URL names a SQLite file (${config.databaseUrl}): production runs on PostgreSQL (postgres://…), shared by every worker and API process`] : [];
}

/**
 * The links in the e-mails to the CPAS must reach the portal from a social worker's desk, over
 * TLS: the default (this machine) or plain http is refused in production. The worker, which sends
 * the e-mails, checks this too.
 */
export function publicUrlProblems(config: Pick<Config, 'publicUrl'>): string[] {
  const url = new URL(config.publicUrl);
  if (LOCAL_HOSTS.has(url.hostname)) return [`PARCOURS_PUBLIC_URL is not set or names this machine (${config.publicUrl}): the e-mails to the CPAS would link nowhere; set the portal's public address`];
  if (url.protocol !== 'https:') return [`PARCOURS_PUBLIC_URL must be an https address in production (got ${config.publicUrl})`];
  return [];
}
