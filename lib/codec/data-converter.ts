/**
 * The data converter every component gives Temporal: the worker, the API's client, the replay of
 * `npm run audit`, the tests' harness and the workflow bundle (failure converter by path).
 */
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec';
import type { KeySource } from './keyring';

export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function dataConverterWith(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

export function encryptingDataConverter(keys: KeySource): DataConverter {
  return dataConverterWith(new EncryptionCodec(keys));
}
