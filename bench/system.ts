/**
 * `npm run bench:system`: what a fact costs on the real stack, side by side in one run (issue 14).
 * Starts the Temporal CLI dev server (SQLite WAL), the product's worker and API, the worker of two
 * yardstick workflows and an SMTP sink, all on free loopback ports, then measures
 *   1. a bare Update (the handler only answers),
 *   2. a bare Update that waits for one no-op regular activity,
 *   3. a bare Update that waits for one no-op local activity (how the product writes the dossier),
 *   4. the product's `evenement` Update through the API's gateway (the client path),
 *   5. the same fact through the HTTP API,
 * each at saturation (`--concurrency` clients in a closed loop) and at half that rate (open loop),
 * and prints throughput, p50/p99 and the ratios. Numbers are printed, never asserted.
 *
 *   npm run bench:system -- --n 600 --concurrency 16
 *
 * The fact is a monthly contact (art. 25) on a registered parcours, a dossier line and no e-mail;
 * each path spreads its requests over `--parcours` workflows (the product paths over as many
 * parcours each, opened beforehand through the API).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import { ParcoursGateway } from '../api/parcours-gateway';
import { loadKeySource } from '../lib/codec/config';
import { encryptingDataConverter } from '../lib/codec/data-converter';
import { loadConfig } from '../lib/config';
import { addDays, civilDateInBrussels } from '../domain/calendar';
import type { FactEvent } from '../domain/parcours';
import { closedLoop, Counter, openLoop, summarise, type Call, type Raw, type Sample } from './system/load';
import { freePort, Stack } from './system/stack';
import { toucher } from './system/definitions';

const BACKOFFICE = 'Bearer dev-backoffice-key';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const N = option('n', 600);
const CONCURRENCY = option('concurrency', 16);
const PARCOURS = option('parcours', Math.max(CONCURRENCY * 4, Math.ceil(N / 6)));
const MAX_SECONDS = option('max-seconds', 120);
const ROUNDS = option('rounds', 3);
/** `--only <part of a path's name>`: measure that path alone (to profile it); the ratios need all four. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const WARMUP = Math.max(CONCURRENCY * 2, Math.ceil(N / 10), PARCOURS);

/** A valid NISS (modulo 97) for the k-th person of the run: one birth date each, serial 1. */
function nissOf(k: number): { niss: string; dateNaissance: string } {
  const birth = addDays('1970-01-01', k);
  const base = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}001`;
  return { niss: base + String(97 - (Number(base) % 97)).padStart(2, '0'), dateNaissance: birth };
}

async function post(url: string, body: unknown, key: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { Authorization: BACKOFFICE, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return { status: res.status, json };
}

interface Result {
  name: string;
  saturation: Sample;
  half: Sample;
  /** CPU milliseconds per successful request at saturation, by process. */
  cpu: Record<string, number>;
}

let processes: Record<string, number> = {};
let loadBefore = '';

interface Path {
  name: string;
  call: Call;
  ids: Counter;
}

/**
 * Every path warmed up, then measured at saturation in `ROUNDS` interleaved rounds (so that the
 * load of other processes on the machine, and the growth of the server's database, fall on all
 * paths alike), then each at half its saturation rate.
 */
async function measureAll(paths: Array<Omit<Path, 'ids'>>): Promise<Result[]> {
  const all: Path[] = paths.filter((p) => !ONLY || p.name.includes(ONLY)).map((p) => ({ ...p, ids: new Counter() }));
  for (const p of all) await closedLoop(p.call, p.ids, WARMUP, CONCURRENCY, MAX_SECONDS);
  const rounds = new Map<string, Raw[]>(all.map((p) => [p.name, []]));
  const cpu = new Map<string, Record<string, number>>(all.map((p) => [p.name, Object.fromEntries(Object.keys(processes).map((k) => [k, 0]))]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of all) {
      const before = cpuTimes(processes);
      rounds.get(p.name)!.push(await closedLoop(p.call, p.ids, Math.ceil(N / ROUNDS), CONCURRENCY, MAX_SECONDS));
      const after = cpuTimes(processes);
      for (const k of Object.keys(processes)) cpu.get(p.name)![k] += after[k] - before[k];
    }
    process.stderr.write(`  saturation round ${r + 1}/${ROUNDS} done\n`);
  }
  const results: Result[] = [];
  for (const p of all) {
    const saturation = summarise(rounds.get(p.name)!);
    const half = summarise([await openLoop(p.call, p.ids, Math.max(1, Math.floor(N / 2)), Math.max(1, saturation.throughput / 2), CONCURRENCY * 4, MAX_SECONDS)]);
    const perRequest = Object.fromEntries(Object.entries(cpu.get(p.name)!).map(([k, ms]) => [k, ms / Math.max(1, saturation.ok)]));
    results.push({ name: p.name, saturation, half, cpu: perRequest });
  }
  process.stderr.write('  half-rate runs done\n');
  return results;
}

const CLOCK_TICKS_PER_S = 100;

/** User + system CPU milliseconds of each process so far, from /proc (Linux); 0 elsewhere. */
function cpuTimes(pids: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return [name, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S];
      } catch {
        return [name, 0];
      }
    }),
  );
}

function cpuTable(results: Result[]): string {
  const names = Object.keys(processes);
  return [
    `| CPU ms per request at saturation | ${names.join(' | ')} | total |`,
    `|---|${names.map(() => '---:').join('|')}|---:|`,
    ...results.map((r) => `| ${r.name} | ${names.map((n) => r.cpu[n].toFixed(1)).join(' | ')} | ${Object.values(r.cpu).reduce((a, b) => a + b, 0).toFixed(1)} |`),
  ].join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  let cli = 'unknown';
  try {
    cli = execFileSync(process.env.TEMPORAL_CLI_PATH!, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* printed as unknown */
  }
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}, ${cli}`;
}

function table(results: Result[]): string {
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const bare = results[0].saturation.throughput;
  const header = `| path | saturation /s | p50 ms | p99 ms | half-rate /s | p50 ms | p99 ms | failed | vs bare Update |`;
  const rule = `|---|---:|---:|---:|---:|---:|---:|---:|---:|`;
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${f(r.saturation.throughput)} | ${f(r.saturation.p50, 1)} | ${f(r.saturation.p99, 1)} | ${f(r.half.throughput)} | ${f(r.half.p50, 1)} | ${f(r.half.p99, 1)} | ${r.saturation.failed + r.half.failed} | ${f(r.saturation.throughput / bare, 2)} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function ratios(results: Result[]): string {
  const [bare, activite, locale, client, http] = results;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const vs = (r: Result) => (r.saturation.throughput / bare.saturation.throughput).toFixed(2);
  return [
    `Update + activity / bare Update:        ${vs(activite)}`,
    `Update + local activity / bare Update:  ${vs(locale)}`,
    `evenement Update / bare Update:         ${vs(client)}`,
    `HTTP API / bare Update:                 ${vs(http)}`,
    `HTTP API over the client path:          throughput ${pct(1 - http.saturation.throughput / client.saturation.throughput)} lower; p50 at half rate ${pct(http.half.p50 / client.half.p50 - 1)} higher (${(http.half.p50 - client.half.p50).toFixed(1)} ms)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData: (stream, _s, cb) => (stream.resume(), stream.on('end', () => cb())) });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const stack = new Stack({ smtpPort });
  let connection: Connection | undefined;
  try {
    process.stderr.write(`starting the stack (dev server, workers, API) in ${stack.dir}\n`);
    await stack.startTemporal();
    await Promise.all([stack.startWorker(), stack.startBenchWorker()]);
    await stack.startApi();
    connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection });
    // The product's payloads are encrypted (docs/privacy.md): its client encodes as the API does, with the stack's keyring.
    const produit = new Client({ connection, dataConverter: encryptingDataConverter(loadKeySource(loadConfig().codec)) });
    const run = randomUUID().slice(0, 8);
    loadBefore = os.loadavg()[0].toFixed(1);
    processes = { 'dev server': stack.temporal!.pid, worker: stack.worker!.pid, API: stack.api!.pid, 'yardstick worker': stack.benchWorker!.pid, 'load generator': process.pid };

    process.stderr.write(`opening ${PARCOURS} yardstick workflows of each of the three kinds and ${2 * PARCOURS} parcours\n`);
    const start = async (type: string, k: number) => {
      const id = `${type}-${run}-${k}`;
      await client.workflow.start(type, { taskQueue: stack.benchTaskQueue, workflowId: id });
      return client.workflow.getHandle(id);
    };
    const nus = await Promise.all(Array.from({ length: PARCOURS }, (_, k) => start('updateNu', k)));
    const avecActivite = await Promise.all(Array.from({ length: PARCOURS }, (_, k) => start('updateAvecActivite', k)));
    const avecLocale = await Promise.all(Array.from({ length: PARCOURS }, (_, k) => start('updateAvecActiviteLocale', k)));
    const today = civilDateInBrussels(Date.now());
    const prochaineDate = addDays(today, 28);
    const ids: string[] = [];
    const opened = new Counter();
    await closedLoop(
      async (k) => {
        const { niss, dateNaissance } = nissOf(k);
        const body = { niss, date: today, canal: 'presentiel', canalPreferentiel: 'email', dateContactMensuel: prochaineDate, personne: { dateNaissance, experienceProfessionnelle: true, autonomieNumerique: true } };
        ids[k] = (await post(`${stack.apiUrl}/v1/inscriptions`, body, `insc-${run}-${k}`)).json.parcoursId as string;
      },
      opened,
      2 * PARCOURS,
      CONCURRENCY,
      MAX_SECONDS * 2,
    );
    if (ids.filter(Boolean).length !== 2 * PARCOURS) throw new Error('some parcours could not be opened');
    const viaClient = ids.slice(0, PARCOURS);
    const viaHttp = ids.slice(PARCOURS);

    const gateway = new ParcoursGateway(produit, stack.taskQueue);
    const contact = (i: number): FactEvent => ({ type: 'contactMensuel', id: `bench-${run}-${i}`, date: today, individuel: false, prochaineDate });

    process.stderr.write(`measuring: ${N} requests at saturation (${ROUNDS} interleaved rounds) and ${Math.floor(N / 2)} at half rate per path, ${CONCURRENCY} clients, after ${WARMUP} to warm up\n`);
    const results = await measureAll([
      { name: 'bare Update', call: (i) => nus[i % PARCOURS].executeUpdate(toucher, { args: [i] }).then(() => undefined) },
      { name: 'bare Update + no-op activity', call: (i) => avecActivite[i % PARCOURS].executeUpdate(toucher, { args: [i] }).then(() => undefined) },
      { name: 'bare Update + no-op local activity', call: (i) => avecLocale[i % PARCOURS].executeUpdate(toucher, { args: [i] }).then(() => undefined) },
      { name: 'evenement Update (client)', call: (i) => gateway.record(viaClient[i % PARCOURS], contact(i), false).then(() => undefined) },
      {
        name: 'HTTP API (POST contactMensuel)',
        call: async (i) => {
          const { dossier } = (await post(`${stack.apiUrl}/v1/parcours/${viaHttp[i % PARCOURS]}/contactMensuel`, { date: today, individuel: false, prochaineDate }, `cm-${run}-${i}`)).json as { dossier: unknown[] };
          if (!dossier.length) throw new Error('no dossier line in the answer');
        },
      },
    ]);

    console.log(`\nParcours system benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${machine()}; load average before ${loadBefore}, after ${os.loadavg()[0].toFixed(1)} (other processes share these cores)`);
    console.log(`load: per path ${N} requests at saturation (${CONCURRENCY} clients, ${ROUNDS} rounds interleaved with the other paths), then ${Math.floor(N / 2)} at half that rate; ${PARCOURS} workflows per path; dev server, workers, API and load generator on this machine\n`);
    console.log(table(results));
    console.log('');
    if (results.length === 5) console.log(ratios(results));
    console.log('');
    console.log(cpuTable(results));
    for (const r of results) for (const s of [r.saturation, r.half]) if (s.firstError) console.log(`first failure of ${r.name}: ${s.firstError}`);
  } catch (err) {
    console.error(stack.output());
    throw err;
  } finally {
    await connection?.close();
    await stack.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
