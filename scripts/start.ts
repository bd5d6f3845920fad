/**
 * `make start`: the whole product on this machine with embedded defaults.
 *   Temporal dev server (SQLite file under data/, WAL, Web UI pointed at the codec server, search
 *   attributes registered), maildev (SMTP + web page), the codec server, the worker and the API.
 *   Ctrl-C stops everything; the next start finds every parcours where it was (the Temporal and
 *   Parcours databases persist in data/).
 * Tool paths come from scripts/toolchain.sh through the environment (see the Makefile).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEV_OIDC_PORT, loadConfig } from '../lib/config';
import { devAccounts } from './oidc-dev';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, 'data');
const config = loadConfig();
const TEMPORAL_PORT = Number(config.temporalAddress.split(':').pop());
const UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const MAIL_WEB_PORT = Number(process.env.MAIL_WEB_PORT ?? 1080);
const CODEC_URL = `http://localhost:${config.codec.port}`;
const WORKER_METRICS = process.env.PARCOURS_WORKER_METRICS ?? '127.0.0.1:9464';
const API_METRICS = process.env.PARCOURS_API_METRICS ?? '127.0.0.1:9465';

const children: Array<{ name: string; proc: ChildProcess }> = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const proc = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  forward(proc.stdout!, process.stdout);
  forward(proc.stderr!, process.stderr);
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  children.push({ name, proc });
  return proc;
}

async function waitForPort(port: number, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} in time`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Reverse order: the API and worker finish their work before Temporal goes away.
  for (const { proc } of [...children].reverse()) {
    if (proc.exitCode !== null) continue;
    proc.kill('SIGINT');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => (proc.kill('SIGKILL'), resolve()), 15_000);
      proc.once('exit', () => (clearTimeout(t), resolve()));
    });
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const temporal = process.env.TEMPORAL_CLI_PATH;
  if (!temporal) throw new Error('TEMPORAL_CLI_PATH is not set: start through `make start`');
  fs.mkdirSync(dataDir, { recursive: true });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  run('temporal', temporal, [
    'server', 'start-dev',
    '--db-filename', path.join(dataDir, 'temporal.db'),
    '--sqlite-pragma', 'journal_mode=wal',
    '--port', String(TEMPORAL_PORT),
    '--ui-port', String(UI_PORT),
    // The UI decodes payloads only through the codec server, which asks for an operator's or an auditor's key.
    '--ui-codec-endpoint', CODEC_URL,
    '--log-level', 'error',
    ...Object.values(SEARCH_ATTRIBUTES).flatMap((k) => ['--search-attribute', `${k.name}=${k.type === 'DATETIME' ? 'Datetime' : 'Keyword'}`]),
  ]);
  run('maildev', process.execPath, [require.resolve('maildev/bin/maildev'), '--smtp', String(config.smtpPort), '--web', String(MAIL_WEB_PORT), '--ip', '127.0.0.1', '--silent']);
  await waitForPort(TEMPORAL_PORT, 'Temporal');
  await waitForPort(config.smtpPort, 'maildev');

  const tsx = path.join(root, 'node_modules/.bin/tsx');
  // The UI at this port is the one origin the codec server answers in a browser.
  run('codec', tsx, ['codec-server/main.ts'], { PARCOURS_CODEC_CORS_ORIGINS: process.env.PARCOURS_CODEC_CORS_ORIGINS ?? `http://localhost:${UI_PORT}` });
  run('worker', tsx, ['worker/main.ts'], { PARCOURS_WORKER_METRICS: WORKER_METRICS });
  // The CPAS portal's identity provider, unless a real one is configured.
  const devOidc = config.portal.development.includes('PARCOURS_OIDC_ISSUER');
  const oidcPort = Number(process.env.PARCOURS_OIDC_DEV_PORT ?? DEV_OIDC_PORT);
  if (devOidc) {
    run('oidc', tsx, ['scripts/oidc-dev.ts'], { PARCOURS_OIDC_DEV_PORT: String(oidcPort), PARCOURS_OIDC_DEV_REDIRECTS: config.publicUrl });
    await waitForPort(oidcPort, 'the development OpenID Connect provider');
  }
  run('api', tsx, ['api/main.ts'], { PARCOURS_API_METRICS: API_METRICS });
  await waitForPort(config.apiPort, 'the API');
  await waitForPort(config.codec.port, 'the codec server');

  console.log(`
Parcours is running (Ctrl-C stops everything):
  API            http://localhost:${config.apiPort}/v1
  Temporal UI    http://localhost:${UI_PORT}   (payloads encrypted; decoded through the codec server)
  Codec server   ${CODEC_URL}   (sign in with dev-operator-key or dev-auditor-key, then in the UI:
                 Codec Server → ${CODEC_URL}, tick "Include cross-origin credentials")
  CPAS portal    ${config.publicUrl}/portail${devOidc ? `   (development sign-in at http://localhost:${oidcPort}: any password, login one of)
${devAccounts().map((a) => `                 ${a.login.padEnd(36)} ${a.nomCpas} (cpas:${a.cpas})`).join('\n')}` : ''}
  Mail catcher   http://localhost:${MAIL_WEB_PORT}
  Metrics        http://${WORKER_METRICS}/metrics (worker), http://${API_METRICS}/metrics (API)
  Data           ${dataDir}
${config.codec.development ? '\n  WARNING: payloads are encrypted with the PUBLIC development key (config/codec-keys.dev.json).\n' : ''}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  void stop(1);
});
