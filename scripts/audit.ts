/**
 * `npm run audit -- [--codec-endpoint <url>] <history.json>`: replay a parcours history exported
 * from the Temporal UI (Download → JSON), `temporal workflow show -w <id> --output json` or the
 * API (`GET /v1/parcours/{id}/historique`), and print its decisions. Exits 1 when the current code
 * would not take the same decisions.
 *
 * The history's payloads are encrypted (docs/privacy.md). With `--codec-endpoint`, they are
 * decoded by the codec server with the auditor's API key in PARCOURS_API_KEY — the auditor holds
 * no encryption key; without it, with the keyring of this machine (PARCOURS_CODEC_KEYRING or
 * PARCOURS_CODEC_KEYS; the development key by default).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { audit, formatReport } from '../lib/audit';
import { DEV_KEYRING_WARNING, loadCodecConfig, loadKeySource } from '../lib/codec/config';
import { dataConverterWith, encryptingDataConverter } from '../lib/codec/data-converter';
import { RemoteCodec } from '../lib/codec/remote-codec';

Runtime.install({ logger: new DefaultLogger('WARN') });

const USAGE = 'usage: npm run audit -- [--codec-endpoint <url>] <history.json>   (with --codec-endpoint: PARCOURS_API_KEY=<auditor key>)';

function dataConverter(endpoint: string | undefined) {
  if (endpoint) {
    const key = process.env.PARCOURS_API_KEY;
    if (!key) {
      console.error(`PARCOURS_API_KEY must hold an auditor's API key to use the codec server\n${USAGE}`);
      process.exit(2);
    }
    return dataConverterWith(new RemoteCodec(endpoint, key, process.env.TEMPORAL_NAMESPACE ?? 'default'));
  }
  const codec = loadCodecConfig(process.env);
  if (codec.development) console.error(`WARNING: ${DEV_KEYRING_WARNING}`);
  return encryptingDataConverter(loadKeySource(codec));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--codec-endpoint');
  const endpoint = at >= 0 ? args[at + 1] : undefined;
  const file = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1))[0];
  if (!file || (at >= 0 && !endpoint)) {
    console.error(USAGE);
    process.exit(2);
  }
  const report = await audit(JSON.parse(fs.readFileSync(file, 'utf8')), path.basename(file, '.json'), {
    workflowsPath: require.resolve('../workflows'),
    dataConverter: dataConverter(endpoint),
  });
  console.log(formatReport(report));
  process.exit(report.replayError ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
