/**
 * The keys that encrypt Temporal payloads (docs/privacy.md). Several are held at once: the
 * newest encrypts, every one decrypts, so a key is rotated without rewriting any history — a
 * parcours lives for years and its history is never re-encrypted.
 *
 * `KeySource` is the seam a key-management service implements (fetch or unwrap the data key a
 * payload names, generate the one that encrypts); `StaticKeyring` holds keys read from a file or
 * from the environment.
 */
import fs from 'node:fs';
import { z } from 'zod';

/** An AES-256 key and the id written in each payload it encrypts. */
export interface DataKey {
  id: string;
  material: Buffer;
}

export interface KeySource {
  /** The key new payloads are encrypted with. */
  encryptionKey(): Promise<DataKey>;
  /** The key a payload names; undefined when this source does not hold it. */
  decryptionKey(id: string): Promise<DataKey | undefined>;
  /** The ids this source can decrypt with, for error messages (ids are not secret). */
  describe(): string;
}

/** Ids travel in clear in every payload's metadata: short, printable, never a secret. */
export const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const AES_256_BYTES = 32;

const keyEntry = z.object({
  id: z.string().regex(KEY_ID, 'id: 1 to 64 letters, digits, dot, dash or underscore'),
  key: z.string().refine((k) => Buffer.from(k, 'base64').length === AES_256_BYTES && /^[A-Za-z0-9+/]+=*$/.test(k), 'key: 32 random bytes in base64 (openssl rand -base64 32)'),
});

const keyringFile = z.object({
  _: z.string().optional(),
  /** The id of the key that encrypts; the others only decrypt. */
  encrypting: z.string(),
  keys: z.array(keyEntry).min(1, 'at least one key'),
});

export class StaticKeyring implements KeySource {
  private readonly byId: ReadonlyMap<string, DataKey>;
  private readonly encrypting: DataKey;

  constructor(keys: DataKey[], encryptingId: string) {
    const byId = new Map<string, DataKey>();
    for (const k of keys) {
      if (!KEY_ID.test(k.id)) throw new Error(`codec key id "${k.id}" is invalid: 1 to 64 letters, digits, dot, dash or underscore`);
      if (k.material.length !== AES_256_BYTES) throw new Error(`codec key "${k.id}" is ${k.material.length} bytes; AES-256 needs ${AES_256_BYTES}`);
      if (byId.has(k.id)) throw new Error(`codec key id "${k.id}" appears twice: an id must name one key forever`);
      byId.set(k.id, k);
    }
    const encrypting = byId.get(encryptingId);
    if (!encrypting) throw new Error(`the encrypting codec key "${encryptingId}" is not among the keys (${[...byId.keys()].join(', ') || 'none'})`);
    this.byId = byId;
    this.encrypting = encrypting;
  }

  /** The file format of `config/codec-keys.dev.json`. */
  static fromFile(file: string): StaticKeyring {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`codec keyring ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = keyringFile.safeParse(json);
    if (!parsed.success) throw new Error(`codec keyring ${file} is invalid: ${z.prettifyError(parsed.error)}`);
    return new StaticKeyring(
      parsed.data.keys.map((k) => ({ id: k.id, material: Buffer.from(k.key, 'base64') })),
      parsed.data.encrypting,
    );
  }

  /** `id:base64,id:base64`: the first key encrypts (PARCOURS_CODEC_KEYS). */
  static fromInline(value: string, variable = 'PARCOURS_CODEC_KEYS'): StaticKeyring {
    const keys = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf(':');
        const parsed = keyEntry.safeParse({ id: entry.slice(0, at), key: entry.slice(at + 1) });
        if (at < 1 || !parsed.success) throw new Error(`${variable}: each entry is id:base64-key (got "${entry.slice(0, Math.max(at, 0))}:…")${parsed.success ? '' : `: ${parsed.error.issues[0].message}`}`);
        return { id: parsed.data.id, material: Buffer.from(parsed.data.key, 'base64') };
      });
    if (keys.length === 0) throw new Error(`${variable} holds no key`);
    return new StaticKeyring(keys, keys[0].id);
  }

  async encryptionKey(): Promise<DataKey> {
    return this.encrypting;
  }

  async decryptionKey(id: string): Promise<DataKey | undefined> {
    return this.byId.get(id);
  }

  describe(): string {
    return `keys ${[...this.byId.keys()].join(', ')}; encrypting with ${this.encrypting.id}`;
  }
}
