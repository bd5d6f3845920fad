/**
 * Runs once per `jest` run: makes sure the Temporal CLI, the time-skipping server, PostgreSQL
 * and Chromium are installed (scripts/toolchain.sh, cached outside the repo), starts a private PostgreSQL
 * cluster for the run (test/helpers/postgres-cluster.ts; stopped by test/global-teardown.ts, or
 * when this process exits) and bundles the workflow code once,
 * so that every test file starts its workers from the same bundle (with the failure converter
 * that encodes failure messages). Refuses to run the tests on another Node than the
 * toolchain's: node_modules is installed for that one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startCluster, stopCluster } from './helpers/postgres-cluster';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  if (!process.env.TEMPORAL_CLI_PATH || !process.env.TEMPORAL_TEST_SERVER_PATH || !process.env.PARCOURS_NODE_VERSION || !process.env.PARCOURS_POSTGRES_BIN || !process.env.PARCOURS_CHROMIUM) {
    const out = execFileSync('bash', [path.join(root, 'scripts/toolchain.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of out.split('\n')) {
      const m = /^(TEMPORAL_[A-Z_]+|PARCOURS_NODE_VERSION|PARCOURS_POSTGRES_BIN|PARCOURS_CHROMIUM)=(.+)$/.exec(line.trim());
      if (m) process.env[m[1]] = m[2];
    }
  }
  if (process.versions.node !== process.env.PARCOURS_NODE_VERSION) {
    throw new Error(
      `The tests run on Node ${process.env.PARCOURS_NODE_VERSION} (scripts/toolchain.sh), this jest on Node ${process.versions.node}. ` +
        'Run `make test`, or put the toolchain first on PATH: set -a; eval "$(bash scripts/toolchain.sh)"; set +a',
    );
  }
  const bin = process.env.PARCOURS_POSTGRES_BIN!;
  const cluster = await startCluster(bin);
  // Test files read the cluster's address from the environment their workers inherit.
  process.env.PARCOURS_TEST_POSTGRES_URL = cluster.adminUrl;
  process.env.PARCOURS_TEST_POSTGRES_DIR = cluster.dir;
  // Stopped however jest ends: the teardown after the run, else this process's exit or interruption.
  process.once('exit', () => stopQuietly(bin, cluster.dir));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopQuietly(bin, cluster.dir);
      process.exit(130);
    });
  }
  // The failure converter is bundled by path, as the worker bundles it in production (lib/codec).
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows/index.ts'), failureConverterPath: path.join(root, 'lib/codec/failure-converter.ts'), logger: quietLogger });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bundle-'));
  const codePath = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(codePath, code);
  process.env.PARCOURS_WORKFLOW_BUNDLE = codePath;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };

function stopQuietly(bin: string, dir: string): void {
  if (!fs.existsSync(dir)) return;
  try {
    stopCluster(bin, dir);
  } catch (err) {
    console.error(`could not stop the test PostgreSQL in ${dir}: ${String(err)}`);
  }
}
