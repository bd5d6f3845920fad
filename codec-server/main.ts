/**
 * The codec server process (docs/privacy.md): `make start` runs it next to the dev server and
 * points the Temporal UI at it; production reaches it only through the operators' gateway.
 */
import { ApiKeys } from '../api/auth';
import { createLogger } from '../api/app';
import { DEV_KEYRING_WARNING, loadKeySource } from '../lib/codec/config';
import { EncryptionCodec } from '../lib/codec/encryption-codec';
import { loadConfig } from '../lib/config';
import { createCodecServer } from './app';

function main(): void {
  const config = loadConfig();
  const logger = createLogger();
  if (config.codec.development) logger.warn(DEV_KEYRING_WARNING);
  const app = createCodecServer({
    codec: new EncryptionCodec(loadKeySource(config.codec)),
    keys: ApiKeys.fromFile(config.apiKeysPath),
    corsOrigins: config.codec.corsOrigins,
    namespace: config.temporalNamespace,
    logger,
  });
  const server = app.listen(config.codec.port, () => logger.info(`codec server on http://localhost:${config.codec.port}/ for the Temporal UI at ${config.codec.corsOrigins.join(', ')}`));
  const stop = () => server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
