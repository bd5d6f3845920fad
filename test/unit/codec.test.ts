/** The payload codec (lib/codec): AES-256-GCM, a key id per payload, rotation, failures encoded. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { DEV_KEYRING, loadCodecConfig, loadKeySource } from '../../lib/codec/config';
import { encryptingDataConverter } from '../../lib/codec/data-converter';
import { EncryptionCodec, isEncrypted, keyIdOf } from '../../lib/codec/encryption-codec';
import { StaticKeyring } from '../../lib/codec/keyring';
import { keyringAfterRotation, keyringBeforeRotation, TEST_KEY_1, TEST_KEY_2 } from '../helpers/codec';

const PERSONAL = { nom: 'Wauthier', prenom: 'Anne-Sophie', email: 'anne.wauthier@cpas.example', projet: 'aide-soignante à Seraing' };
const clear = (): Payload => defaultPayloadConverter.toPayload(PERSONAL)!;
const text = (p: Payload) => Buffer.concat([...Object.values(p.metadata ?? {}).map((v) => Buffer.from(v)), Buffer.from(p.data ?? new Uint8Array())]).toString('latin1');

describe('EncryptionCodec', () => {
  const codec = new EncryptionCodec(keyringBeforeRotation());

  it('encrypts the whole payload, metadata included, and decodes it back', async () => {
    const [sealed] = await codec.encode([clear()]);
    expect(isEncrypted(sealed)).toBe(true);
    expect(keyIdOf(sealed)).toBe('test-1');
    expect(Object.keys(sealed.metadata ?? {}).sort()).toEqual(['encoding', 'encryption-cipher', 'encryption-key-id']);
    for (const value of [...Object.values(PERSONAL), 'json/plain']) expect(text(sealed)).not.toContain(value);
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(PERSONAL);
    expect(Buffer.from(opened.metadata!.encoding).toString()).toBe('json/plain');
  });

  it('never encrypts the same payload twice alike (a fresh IV each time)', async () => {
    const [a, b] = await codec.encode([clear(), clear()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes a payload in clear through: histories recorded before encryption still replay', async () => {
    const payload = clear();
    const [decoded] = await codec.decode([payload]);
    expect(decoded).toBe(payload);
  });

  it('after rotation, the new key encrypts and the old one still decrypts', async () => {
    const [old] = await codec.encode([clear()]);
    const rotated = new EncryptionCodec(keyringAfterRotation());
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old]))[0])).toEqual(PERSONAL);
    const [fresh] = await rotated.encode([clear()]);
    expect(keyIdOf(fresh)).toBe('test-2');
    // The old key alone cannot read what the new one wrote.
    await expect(codec.decode([fresh])).rejects.toThrow(/key "test-2", which is not held/);
  });

  it('refuses, naming it, a payload whose key was removed from the keyring', async () => {
    const [old] = await codec.encode([clear()]);
    const withoutOld = new EncryptionCodec(new StaticKeyring([TEST_KEY_2], 'test-2'));
    await expect(withoutOld.decode([old])).rejects.toThrow(/payload encrypted with key "test-1", which is not held \(keys test-2; encrypting with test-2\)/);
  });

  it('detects a payload altered in Temporal, or moved to another key id', async () => {
    const [sealed] = await codec.encode([clear()]);
    const altered = { ...sealed, data: Uint8Array.from(sealed.data!, (b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([altered])).rejects.toThrow(/does not decrypt with key "test-1"/);
    // Two ids for the same key material: without the key id authenticated, the swap would go unnoticed.
    const twins = new EncryptionCodec(new StaticKeyring([{ id: 'a', material: TEST_KEY_1.material }, { id: 'b', material: TEST_KEY_1.material }], 'a'));
    const [underA] = await twins.encode([clear()]);
    const moved = { ...underA, metadata: { ...underA.metadata, 'encryption-key-id': new Uint8Array(Buffer.from('b')) } };
    await expect(twins.decode([moved])).rejects.toThrow(/does not decrypt with key "b"/);
  });

  it('refuses a cipher it does not know rather than guessing', async () => {
    const [sealed] = await codec.encode([clear()]);
    const other = { ...sealed, metadata: { ...sealed.metadata, 'encryption-cipher': new Uint8Array(Buffer.from('AES-256-GCM/2')) } };
    await expect(codec.decode([other])).rejects.toThrow(/cipher "AES-256-GCM\/2"/);
  });
});

describe('failures', () => {
  it('carry their message and stack trace encrypted, and decode back for the client', async () => {
    const converter = loadDataConverter(encryptingDataConverter(keyringBeforeRotation()));
    const failure = await encodeErrorToFailure(converter, ApplicationFailure.nonRetryable(`demande de ${PERSONAL.prenom} ${PERSONAL.nom} refusée`, 'EvenementRefuse'));
    expect(failure.message).not.toContain(PERSONAL.nom);
    expect(failure.encodedAttributes && isEncrypted(failure.encodedAttributes)).toBe(true);
    expect(JSON.stringify(failure)).not.toContain(PERSONAL.nom);
    const error = await decodeOptionalFailureToOptionalError(converter, failure);
    expect(error?.message).toBe(`demande de ${PERSONAL.prenom} ${PERSONAL.nom} refusée`);
  });
});

describe('keyring', () => {
  const write = (content: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keyring-')), 'keys.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const k1 = TEST_KEY_1.material.toString('base64');
  const k2 = TEST_KEY_2.material.toString('base64');

  it('reads a file: the key named `encrypting` encrypts, every key decrypts', async () => {
    const ring = StaticKeyring.fromFile(write({ encrypting: 'k2', keys: [{ id: 'k1', key: k1 }, { id: 'k2', key: k2 }] }));
    expect((await ring.encryptionKey()).id).toBe('k2');
    expect((await ring.decryptionKey('k1'))?.material.equals(TEST_KEY_1.material)).toBe(true);
    expect(await ring.decryptionKey('k3')).toBeUndefined();
  });

  it.each([
    ['a key of 16 bytes', { encrypting: 'k1', keys: [{ id: 'k1', key: k1.slice(0, 24) }] }, /32 random bytes in base64/],
    ['an id with a space', { encrypting: 'k 1', keys: [{ id: 'k 1', key: k1 }] }, /id: 1 to 64 letters/],
    ['the same id twice', { encrypting: 'k1', keys: [{ id: 'k1', key: k1 }, { id: 'k1', key: k2 }] }, /appears twice/],
    ['an encrypting key it does not hold', { encrypting: 'k9', keys: [{ id: 'k1', key: k1 }] }, /"k9" is not among the keys \(k1\)/],
    ['no key', { encrypting: 'k1', keys: [] }, /at least one key/],
  ])('refuses %s, saying why', (_what, content, reason) => {
    expect(() => StaticKeyring.fromFile(write(content))).toThrow(reason);
  });

  it('reads PARCOURS_CODEC_KEYS: id:key pairs, the first encrypts', async () => {
    const ring = loadKeySource(loadCodecConfig({ PARCOURS_CODEC_KEYS: `k2:${k2}, k1:${k1}` }));
    expect((await ring.encryptionKey()).id).toBe('k2');
    expect(await ring.decryptionKey('k1')).toBeDefined();
    expect(() => loadKeySource(loadCodecConfig({ PARCOURS_CODEC_KEYS: `k2${k2}` }))).toThrow(/PARCOURS_CODEC_KEYS: each entry is id:base64-key/);
  });

  it('falls back to the development keyring, flagged so that every process warns', async () => {
    const config = loadCodecConfig({});
    expect(config).toMatchObject({ development: true, keyringPath: DEV_KEYRING, port: 8234, corsOrigins: ['http://localhost:8233'] });
    expect((await loadKeySource(config).encryptionKey()).id).toBe('dev-2026-1');
    expect(loadCodecConfig({ PARCOURS_CODEC_KEYRING: '/run/secrets/codec-keys.json' }).development).toBe(false);
  });

  it('refuses the development key in production (the image runs with NODE_ENV=production)', () => {
    expect(() => loadCodecConfig({ NODE_ENV: 'production' })).toThrow(/PARCOURS_CODEC_KEYRING \(or PARCOURS_CODEC_KEYS\) must be set in production/);
    expect(loadCodecConfig({ NODE_ENV: 'production', PARCOURS_CODEC_KEYRING: '/run/secrets/codec-keys.json' }).development).toBe(false);
  });

  it('refuses two sources of keys, and a CORS origin that is not one', () => {
    expect(() => loadCodecConfig({ PARCOURS_CODEC_KEYS: `k1:${k1}`, PARCOURS_CODEC_KEYRING: '/x.json' })).toThrow(/both set/);
    expect(() => loadCodecConfig({ PARCOURS_CODEC_CORS_ORIGINS: 'https://ops.forem.be/ui' })).toThrow(/PARCOURS_CODEC_CORS_ORIGINS: "https:\/\/ops.forem.be\/ui" is not an origin/);
  });
});
