/**
 * The product as it runs, one process each, on free loopback ports: the Temporal CLI dev server
 * (SQLite file in WAL mode, as `make start` runs it), the worker (`worker/main.ts`), the API
 * (`api/main.ts`), and optionally the worker of the benchmark's yardstick workflows. Used by the
 * system benchmark and by the faults tier, which kills and restarts each part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
export { freePort } from './free-port';
import { freePort } from './free-port';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

const ROOT = path.resolve(__dirname, '../..');

/** A child process whose output is kept (the last lines) for the error that explains a failure. */
export class Child {
  readonly proc: ChildProcess;
  private readonly tail: string[] = [];
  private readonly watchers: Array<{ test: (line: string) => boolean; resolve: () => void }> = [];
  readonly exited: Promise<number | string>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.proc = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        this.tail.push(line.slice(0, 500));
        if (this.tail.length > 40) this.tail.shift();
        for (const w of this.watchers.splice(0)) (w.test(line) ? w.resolve() : this.watchers.push(w));
      }
    };
    this.proc.stdout!.on('data', onData);
    this.proc.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  output(): string {
    return `[${this.name}] ${this.tail.join(`\n[${this.name}] `)}`;
  }

  /** Resolves when a line of output matches; rejects when the process exits first or after `timeoutMs`. */
  async waitForLine(test: (line: string) => boolean, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve) => this.watchers.push({ test, resolve }));
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} not ready within ${timeoutMs} ms\n${this.output()}`)), timeoutMs);
      void this.exited.then((how) => reject(new Error(`${this.name} exited (${how}) before it was ready\n${this.output()}`)));
    });
    try {
      await Promise.race([seen, failure]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the process: `signal` first, SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface StackOptions {
  /** The Temporal CLI; TEMPORAL_CLI_PATH (scripts/toolchain.sh) by default. */
  temporalCli?: string;
  /** Where the Temporal and Parcours databases live; a fresh temporary directory by default. */
  dir?: string;
  smtpPort: number;
  /** Extra environment of the product's worker (e.g. PARCOURS_MAX_CACHED_WORKFLOWS). */
  workerEnv?: NodeJS.ProcessEnv;
  apiEnv?: NodeJS.ProcessEnv;
  /** The product database (PARCOURS_DATABASE_URL); a SQLite file in the stack's directory by default. */
  databaseUrl?: string;
}

const tsx = ['--import', 'tsx'];

export class Stack {
  readonly dir: string;
  readonly taskQueue = 'parcours';
  readonly benchTaskQueue = 'bench';
  /** The SQLite file of a stack without `databaseUrl`. */
  readonly databasePath: string;
  readonly databaseUrl: string;
  temporal?: Child;
  worker?: Child;
  api?: Child;
  benchWorker?: Child;
  /** Further replicas of the worker and the API (scale out), started by `addWorker` and `addApi`. */
  readonly replicas: { workers: Child[]; apis: Array<{ child: Child; url: string }> } = { workers: [], apis: [] };
  temporalPort = 0;
  apiPort = 0;
  private readonly ownDir: boolean;

  constructor(private readonly options: StackOptions) {
    this.ownDir = !options.dir;
    this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-stack-'));
    this.databasePath = path.join(this.dir, 'parcours.db');
    this.databaseUrl = options.databaseUrl ?? this.databasePath;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalPort}`;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  private productEnv(): NodeJS.ProcessEnv {
    return {
      TEMPORAL_ADDRESS: this.temporalAddress,
      PARCOURS_TASK_QUEUE: this.taskQueue,
      PARCOURS_DATABASE_URL: this.databaseUrl,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.options.smtpPort),
      NODE_ENV: 'development',
    };
  }

  /** The dev server on the stack's database file; the same port again after a restart. */
  async startTemporal(): Promise<void> {
    const cli = this.options.temporalCli ?? process.env.TEMPORAL_CLI_PATH;
    if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run through make or put the toolchain on PATH (scripts/toolchain.sh)');
    if (!this.temporalPort) this.temporalPort = await freePort();
    this.temporal = new Child('temporal', cli, [
      'server', 'start-dev',
      '--db-filename', path.join(this.dir, 'temporal.db'),
      '--sqlite-pragma', 'journal_mode=wal',
      '--ip', '127.0.0.1',
      '--port', String(this.temporalPort),
      '--headless',
      '--log-level', 'error',
      ...Object.values(SEARCH_ATTRIBUTES).flatMap((k) => ['--search-attribute', `${k.name}=${k.type === 'DATETIME' ? 'Datetime' : 'Keyword'}`]),
    ], {});
    await this.waitForTemporal();
  }

  private async waitForTemporal(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.temporal?.running) throw new Error(`the Temporal dev server exited\n${this.temporal?.output()}`);
      try {
        const connection = await Connection.connect({ address: this.temporalAddress, connectTimeout: 1_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          return;
        } finally {
          await connection.close();
        }
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the Temporal dev server is not ready: ${String(err)}\n${this.temporal?.output()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  async startWorker(): Promise<void> {
    this.worker = await this.spawnWorker('worker');
  }

  /** Another worker on the same task queue and database (a replica). */
  async addWorker(): Promise<Child> {
    const worker = await this.spawnWorker(`worker-${this.replicas.workers.length + 2}`);
    this.replicas.workers.push(worker);
    return worker;
  }

  private async spawnWorker(name: string): Promise<Child> {
    const worker = new Child(name, process.execPath, [...tsx, 'worker/main.ts'], { ...this.productEnv(), ...this.options.workerEnv });
    await worker.waitForLine((l) => l.includes('worker listening'), 120_000);
    return worker;
  }

  async startApi(): Promise<void> {
    if (!this.apiPort) this.apiPort = await freePort();
    this.api = await this.spawnApi('api', this.apiPort);
  }

  /** Another API process on its own port, same Temporal and database (a replica); resolves with its URL. */
  async addApi(): Promise<string> {
    const port = await freePort();
    const child = await this.spawnApi(`api-${this.replicas.apis.length + 2}`, port);
    const url = `http://127.0.0.1:${port}`;
    this.replicas.apis.push({ child, url });
    return url;
  }

  private async spawnApi(name: string, port: number): Promise<Child> {
    const api = new Child(name, process.execPath, [...tsx, 'api/main.ts'], { ...this.productEnv(), PORT: String(port), ...this.options.apiEnv });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!api.running) throw new Error(`the API exited\n${api.output()}`);
      const ok = await fetch(`http://127.0.0.1:${port}/v1/ready`).then((r) => r.ok, () => false);
      if (ok) return api;
      if (Date.now() > deadline) throw new Error(`the API is not ready\n${api.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async startBenchWorker(): Promise<void> {
    this.benchWorker = new Child('bench-worker', process.execPath, [...tsx, 'bench/system/worker.ts'], { TEMPORAL_ADDRESS: this.temporalAddress, BENCH_TASK_QUEUE: this.benchTaskQueue });
    await this.benchWorker.waitForLine((l) => l.trim() === 'ready', 120_000);
  }

  /** Everything the output of each process says, for a failure's message. */
  output(): string {
    return [this.temporal, this.worker, this.api, ...this.replicas.workers, ...this.replicas.apis.map((a) => a.child), this.benchWorker].filter((c): c is Child => !!c).map((c) => c.output()).join('\n');
  }

  async stop(): Promise<void> {
    // The API and the workers finish what they are doing before Temporal goes away.
    await Promise.all([this.api?.stop(), ...this.replicas.apis.map((a) => a.child.stop()), this.benchWorker?.stop('SIGINT'), this.worker?.stop('SIGINT'), ...this.replicas.workers.map((w) => w.stop('SIGINT'))]);
    await this.temporal?.stop();
    if (this.ownDir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
