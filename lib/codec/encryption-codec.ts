/**
 * The payload codec: every payload the worker, the API or a test sends to Temporal is encrypted
 * with AES-256-GCM before it leaves the process, so that Temporal's database, its UI and its
 * exports hold no personal data in clear (convention art. 7: the minimum; issue 12).
 *
 * The whole payload (its metadata and data) is encrypted into the data of a new payload whose
 * metadata says only `binary/encrypted`, the cipher and the key id. A payload without that
 * encoding is passed through: histories written before encryption keep replaying.
 *
 * Format of the data, version 1: 12-byte random IV ‖ ciphertext ‖ 16-byte tag, with the cipher
 * name and the key id as additional authenticated data — a payload moved to another key id, or
 * altered, fails to decrypt rather than decrypting to something else. Never change this format in
 * place: histories encrypted today must decrypt for as long as the parcours is kept; a new format
 * gets a new `encryption-cipher` value and this one stays readable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { DataKey, KeySource } from './keyring';

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
export const METADATA_CIPHER = 'encryption-cipher';
export const CIPHER_V1 = 'AES-256-GCM/1';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);
const aad = (keyId: string) => Buffer.from(`${CIPHER_V1}\n${keyId}`, 'utf8');

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCODING_ENCRYPTED;
}

/** The id of the key a payload was encrypted with; undefined for a payload in clear. */
export function keyIdOf(payload: Payload): string | undefined {
  return isEncrypted(payload) ? text(payload.metadata?.[METADATA_KEY_ID]) : undefined;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeySource) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const key = await this.keys.encryptionKey();
    return payloads.map((p) => encrypt(p, key));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.decodeOne(p)));
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    if (!isEncrypted(payload)) return payload;
    const cipher = text(payload.metadata?.[METADATA_CIPHER]);
    if (cipher !== CIPHER_V1) throw new ValueError(`encrypted payload with cipher "${cipher ?? 'none'}": this codec reads ${CIPHER_V1}`);
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (!keyId) throw new ValueError('encrypted payload without a key id');
    const key = await this.keys.decryptionKey(keyId);
    if (!key) throw new ValueError(`payload encrypted with key "${keyId}", which is not held (${this.keys.describe()}): add it to the keyring, never remove a key some history still uses`);
    return decrypt(payload.data ?? new Uint8Array(), key);
  }
}

function encrypt(payload: Payload, key: DataKey): Payload {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id));
  const clear = temporal.api.common.v1.Payload.encode(payload).finish();
  const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
  return {
    metadata: { [METADATA_ENCODING_KEY]: utf8(ENCODING_ENCRYPTED), [METADATA_CIPHER]: utf8(CIPHER_V1), [METADATA_KEY_ID]: utf8(key.id) },
    data: new Uint8Array(sealed),
  };
}

function decrypt(data: Uint8Array, key: DataKey): Payload {
  if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload of ${data.length} bytes: too short to be ${CIPHER_V1}`);
  const bytes = Buffer.from(data);
  const decipher = createDecipheriv('aes-256-gcm', key.material, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(key.id));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let clear: Buffer;
  try {
    clear = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ValueError(`payload does not decrypt with key "${key.id}": altered, or encrypted under another key with the same id`);
  }
  return temporal.api.common.v1.Payload.decode(clear);
}
