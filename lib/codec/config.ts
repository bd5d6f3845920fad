/**
 * Settings of the payload codec and of the codec server, read from the environment with the
 * defaults `make start` needs. The keys themselves are read by `loadKeySource`, never logged.
 */
import path from 'node:path';
import { StaticKeyring, type KeySource } from './keyring';

export interface CodecConfig {
  /** A keyring file (format of config/codec-keys.dev.json). */
  keyringPath: string;
  /** `id:base64,…`, the first encrypts; wins over the file when set. */
  inlineKeys?: string;
  /** True when neither is set: the public development key encrypts (a warning is printed). */
  development: boolean;
  /** Port of the codec server. */
  port: number;
  /** The Temporal UI's origins, the only ones the codec server answers in a browser (CORS). */
  corsOrigins: string[];
}

export const DEV_KEYRING = path.resolve(__dirname, '../../config/codec-keys.dev.json');
export const DEV_KEYRING_WARNING =
  'PARCOURS_CODEC_KEYRING is not set: Temporal payloads are encrypted with the PUBLIC development key (config/codec-keys.dev.json). Never use it outside a development machine.';

export function loadCodecConfig(env: NodeJS.ProcessEnv): CodecConfig {
  const inlineKeys = env.PARCOURS_CODEC_KEYS?.trim() || undefined;
  const file = env.PARCOURS_CODEC_KEYRING?.trim() || undefined;
  if (inlineKeys && file) throw new Error('PARCOURS_CODEC_KEYS and PARCOURS_CODEC_KEYRING are both set: keep one source of codec keys');
  const port = Number(env.PARCOURS_CODEC_PORT ?? 8234);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PARCOURS_CODEC_PORT must be a TCP port (got ${env.PARCOURS_CODEC_PORT})`);
  const corsOrigins = (env.PARCOURS_CODEC_CORS_ORIGINS ?? `http://localhost:${env.TEMPORAL_UI_PORT ?? 8233}`)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of corsOrigins) {
    let u: URL | undefined;
    try {
      u = new URL(o);
    } catch {
      u = undefined;
    }
    if (!u || u.origin !== o) throw new Error(`PARCOURS_CODEC_CORS_ORIGINS: "${o}" is not an origin (scheme://host[:port], no path)`);
  }
  // The image runs with NODE_ENV=production (Dockerfile): a public key must never encrypt real people's data.
  if (!inlineKeys && !file && env.NODE_ENV === 'production') throw new Error('PARCOURS_CODEC_KEYRING (or PARCOURS_CODEC_KEYS) must be set in production: the development key is public');
  return { keyringPath: file ?? DEV_KEYRING, ...(inlineKeys ? { inlineKeys } : {}), development: !inlineKeys && !file, port, corsOrigins };
}

export function loadKeySource(config: Pick<CodecConfig, 'keyringPath' | 'inlineKeys'>): KeySource {
  return config.inlineKeys ? StaticKeyring.fromInline(config.inlineKeys) : StaticKeyring.fromFile(config.keyringPath);
}
