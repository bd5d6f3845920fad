/**
 * `npm run bench:scale`: how the product holds many open parcours (issue 14 §3). Prints, asserts
 * nothing.
 *
 *   1. On the dev server (SQLite WAL), with the worker's workflow cache bounded at `--cache`
 *      (PARCOURS_MAX_CACHED_WORKFLOWS): opens `--total` parcours (an inscription each, through the
 *      API's gateway) and reads the worker's resident memory at 1k, 5k and 10k; then the latency of
 *      a fact and of a read for parcours still in the cache and for parcours evicted from it (their
 *      history is replayed first).
 *   2. On the time-skipping test server: `--storm` parcours registered the same day, whose first
 *      deadline therefore falls at the same instant; the clock is moved past it and the time to
 *      drain them all (every parcours decided and its lines written) is measured.
 *
 *   npm run bench:scale -- --total 10000 --cache 1000 --storm 10000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { ParcoursGateway } from '../api/parcours-gateway';
import { addDays, civilDateInBrussels } from '../domain/calendar';
import { decide, initialState, nextDeadline, type FactEvent } from '../domain/parcours';
import { loadKeySource } from '../lib/codec/config';
import { encryptingDataConverter } from '../lib/codec/data-converter';
import { loadConfig } from '../lib/config';
import { ConventionStore } from '../lib/convention-store';
import { CpasRegistry } from '../lib/cpas-registry';
import { sql } from 'kysely';
import { openDatabase } from '../lib/db';
import { DossierStore } from '../lib/dossier-store';
import { RetentionStore } from '../lib/retention/store';
import { parcoursIdOf, workflowIdOf } from '../lib/pseudonym';
import { createWorker } from '../worker/worker';
import { FACT_SIGNALS, type ParcoursInput } from '../workflows/definitions';
import { closedLoop, Counter } from './system/load';
import { freePort, Stack } from './system/stack';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

const TOTAL = option('total', 10_000);
const CACHE = option('cache', 1_000);
const STORM = option('storm', 10_000);
const CONCURRENCY = option('concurrency', 16);
const SAMPLES = option('samples', 40);
/** `--worker-heap-mb N`: the worker's V8 old space capped at N MiB (--max-old-space-size); 0: Node's default. */
const WORKER_HEAP_MB = option('worker-heap-mb', 0);
const MILESTONES = [1_000, 5_000, 10_000].filter((m) => m <= TOTAL);
if (!MILESTONES.includes(TOTAL)) MILESTONES.push(TOTAL);

const SECRET = 'bench-scale-secret';
const personne = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };

function nissOf(k: number): string {
  const birth = addDays('1950-01-01', k % 18_000);
  const serial = 1 + Math.floor(k / 18_000);
  const base = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${String(serial).padStart(3, '0')}`;
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p = (n: number, d = 0) => n.toFixed(d);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

async function openParcours(): Promise<void> {
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData: (s, _x, cb) => (s.resume(), s.on('end', () => cb())) });
  const smtpPort = await freePort();
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  const stack = new Stack({
    smtpPort,
    workerEnv: { PARCOURS_MAX_CACHED_WORKFLOWS: String(CACHE), PARCOURS_PSEUDONYM_SECRET: SECRET, ...(WORKER_HEAP_MB ? { NODE_OPTIONS: `--max-old-space-size=${WORKER_HEAP_MB}` } : {}) },
  });
  let connection: Connection | undefined;
  try {
    await stack.startTemporal();
    await stack.startWorker();
    connection = await Connection.connect({ address: stack.temporalAddress });
    const gateway = new ParcoursGateway(new Client({ connection }), stack.taskQueue);
    const today = civilDateInBrussels(Date.now());
    const ids: string[] = [];
    const inscription = (k: number): FactEvent => ({ type: 'inscription', id: `scale-insc-${k}`, date: today, canal: 'presentiel', canalPreferentiel: 'email', dateContactMensuel: addDays(today, 28), personne } as FactEvent);
    const contact = (k: number, n: number): FactEvent => ({ type: 'contactMensuel', id: `scale-cm-${k}-${n}`, date: today, individuel: false, prochaineDate: addDays(today, 28) } as FactEvent);

    console.log(`\n1. ${TOTAL} open parcours on the dev server, worker cache bounded at ${CACHE} (PARCOURS_MAX_CACHED_WORKFLOWS)${WORKER_HEAP_MB ? `, worker heap capped at ${WORKER_HEAP_MB} MiB` : ''}\n`);
    console.log('| open parcours | worker RSS MiB | opening rate /s |');
    console.log('|---:|---:|---:|');
    console.log(`| 0 | ${p(rssMiB(stack.worker!.pid))} | – |`);
    const counter = new Counter();
    let opened = 0;
    for (const milestone of MILESTONES) {
      const t = performance.now();
      const r = await closedLoop(
        async (k) => {
          ids[k] = parcoursIdOf(nissOf(k), SECRET);
          await gateway.record(ids[k], inscription(k), true);
        },
        counter,
        milestone - opened,
        CONCURRENCY,
        3_600,
      );
      if (r.failed) throw new Error(`${r.failed} parcours not opened: ${r.firstError}`);
      const rate = (milestone - opened) / ((performance.now() - t) / 1000);
      opened = milestone;
      console.log(`| ${milestone} | ${p(rssMiB(stack.worker!.pid))} | ${p(rate)} |`);
    }

    // The earliest parcours were evicted first (least recently used); the latest are in the cache.
    const evicted = ids.slice(0, Math.min(SAMPLES, Math.max(0, TOTAL - CACHE)));
    const cached = ids.slice(TOTAL - Math.min(SAMPLES, CACHE));
    // A read and a fact on different parcours: a read brings its parcours back into the cache.
    const measure = async (group: string[], n: number) => {
      const half = Math.floor(group.length / 2);
      const reads: number[] = [];
      const facts: number[] = [];
      for (const id of group.slice(0, half)) reads.push(await timed(() => gateway.view(id)));
      for (const [i, id] of group.slice(half).entries()) facts.push(await timed(() => gateway.record(id, contact(ids.indexOf(id), n + i), false)));
      return `read ${p(median(reads), 1)} ms, fact ${p(median(facts), 1)} ms (median of ${reads.length} and ${facts.length})`;
    };
    console.log('\nlatency, one request at a time:');
    console.log(`  in the cache:       ${await measure(cached, 0)}`);
    if (evicted.length) console.log(`  evicted (replayed): ${await measure(evicted, 1_000)}`);
    console.log(`worker RSS after: ${p(rssMiB(stack.worker!.pid))} MiB`);
  } finally {
    await connection?.close();
    await stack.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  }
}

async function storm(): Promise<void> {
  if (!STORM) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH! } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-storm-'));
  const db = await openDatabase(path.join(dir, 'parcours.db'));
  const store = new DossierStore(db);
  try {
    const taskQueue = 'storm';
    const worker = await createWorker({
      connection: env.nativeConnection,
      config: { temporalNamespace: 'default', taskQueue, smtpHost: '127.0.0.1', smtpPort: await freePort(), mailFrom: 'Parcours <parcours@forem.invalid>', serviceControleEmail: 'controle@forem.invalid', publicUrl: 'https://parcours.forem.invalid', maxCachedWorkflows: CACHE },
      store,
      registry: CpasRegistry.fromFile(path.resolve(__dirname, '../config/cpas.json')),
      conventions: new ConventionStore(db),
      retention: new RetentionStore(db),
      client: env.client,
      // The storm's signals travel in clear; the codec decodes only what it encrypted (docs/privacy.md).
      dataConverter: encryptingDataConverter(loadKeySource(loadConfig().codec)),
    });
    const running = worker.run();
    const now = await env.currentTimeMs();
    const today = civilDateInBrussels(now);
    const fact = (k: number) => ({ id: `storm-${k}`, date: today, canal: 'presentiel', canalPreferentiel: 'email', dateContactMensuel: addDays(today, 28), personne });
    const lines = () => store.size();

    console.log(`\n2. deadline storm: ${STORM} parcours on the time-skipping server, same first deadline, worker cache ${CACHE}\n`);
    let t = performance.now();
    const r = await closedLoop(
      async (k) => {
        const parcoursId = `ce-storm${String(k).padStart(8, '0')}`;
        const input: ParcoursInput = { parcoursId, searchAttributes: false };
        await env.client.workflow.signalWithStart('parcours', { workflowId: workflowIdOf(parcoursId), taskQueue, args: [input], signal: FACT_SIGNALS.inscription, signalArgs: [fact(k) as never] });
      },
      new Counter(),
      STORM,
      CONCURRENCY,
      3_600,
    );
    if (r.failed) throw new Error(`${r.failed} parcours not started: ${r.firstError}`);
    // What one parcours writes at its inscription and at its first deadline, from the core itself.
    const sample = decide(initialState('ce-x'), { type: 'inscription', ...fact(0) } as FactEvent, now);
    const first = nextDeadline(sample.state)!;
    const atDeadline = decide(sample.state, { type: 'horloge' }, first.expire + 1_000).effects.filter((e) => e.type === 'dossier').length;
    const perInscription = sample.effects.filter((e) => e.type === 'dossier').length;
    await waitFor(async () => (await lines()) >= STORM * perInscription, 'every inscription written');
    console.log(`opened in ${p((performance.now() - t) / 1000)} s; first deadline: ${first.rule}, at ${new Date(first.expire).toISOString()} (${atDeadline} dossier line(s) each)`);

    const before = await lines();
    t = performance.now();
    await env.sleep(first.expire + 1_000 - (await env.currentTimeMs()));
    await waitFor(async () => (await lines()) >= before + STORM * atDeadline, 'every deadline decided');
    const seconds = (performance.now() - t) / 1000;
    const perParcours = (await sql<{ n: number; parcours: number }>`SELECT n, count(*) AS parcours FROM (SELECT parcours_id, count(*) AS n FROM dossier GROUP BY parcours_id) p GROUP BY n`.execute(db.kysely)).rows;
    console.log(`drained ${STORM} deadlines in ${p(seconds, 1)} s: ${p(STORM / seconds)} parcours decided per second`);
    console.log(`dossier lines per parcours after the storm: ${perParcours.map((x) => `${x.n} lines × ${x.parcours}`).join(', ')} (expected ${perInscription + atDeadline} for all: nothing lost, nothing twice)`);
    worker.shutdown();
    await running;
  } finally {
    await db.close();
    await env.teardown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 3_600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  console.log(`Parcours scale benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.versions.node}, load average ${os.loadavg()[0].toFixed(1)}`);
  if (TOTAL) await openParcours();
  await storm();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
