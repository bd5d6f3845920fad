/**
 * The test keyrings (never used outside tests): the harness encrypts with `test-1`; the rotation
 * makes `test-2` the encrypting key and keeps `test-1` to decrypt. `test/histories/*-chiffre.json`
 * were recorded under `test-1`.
 */
import { encryptingDataConverter } from '../../lib/codec/data-converter';
import { StaticKeyring, type DataKey } from '../../lib/codec/keyring';

export const TEST_KEY_1: DataKey = { id: 'test-1', material: Buffer.from('0fuMt+Ib+vvoqdvCFO/d1b4y/PgT3YKXb9oRDRRWrQs=', 'base64') };
export const TEST_KEY_2: DataKey = { id: 'test-2', material: Buffer.from('pkR7i4ks2M+prBXKs6ryz214LIp7fNZRYvi3VGdIpSw=', 'base64') };

export const keyringBeforeRotation = () => new StaticKeyring([TEST_KEY_1], TEST_KEY_1.id);
export const keyringAfterRotation = () => new StaticKeyring([TEST_KEY_2, TEST_KEY_1], TEST_KEY_2.id);

/** What the harness's worker and clients use. */
export const testDataConverter = () => encryptingDataConverter(keyringBeforeRotation());
/** What replays and audits use: every test key, the newest encrypting. */
export const replayDataConverter = () => encryptingDataConverter(keyringAfterRotation());
