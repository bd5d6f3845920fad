/**
 * The faults tier's stack and checks: the product as separate processes (bench/system/stack.ts)
 * with a real SMTP server in the test, a client that retries like a careful back-office (same
 * Idempotency-Key until it gets an answer), and the invariants every fault must keep.
 */
import { openDatabase, type Db } from '../../lib/db';
import { DossierStore, type DossierLine } from '../../lib/dossier-store';
import { Stack } from '../../bench/system/stack';
import type { DossierEntry } from '../../domain/parcours';
import { addDays, civilDateInBrussels } from '../../domain/calendar';
import { ADULTE, CPAS_LIEGE, makeNiss } from './fixtures';
import { TestSmtpServer } from './smtp';
import { KEYS } from './api';

export interface FaultStack {
  stack: Stack;
  smtp: TestSmtpServer;
  db: Db;
  store: DossierStore;
  stop(): Promise<void>;
}

/** How long a key reserved by a killed API is honoured: short, so that the test's retries take it over. */
const ABANDONED_SECONDS = 3;

/** `databaseUrl`: the product database (test/helpers/database.ts); a SQLite file in the stack's directory by default. */
export async function startFaultStack(options: { databaseUrl?: string } = {}): Promise<FaultStack> {
  const smtp = await TestSmtpServer.start();
  const stack = new Stack({ smtpPort: smtp.port, ...options, apiEnv: { PARCOURS_IDEMPOTENCY_ABANDONED_SECONDS: String(ABANDONED_SECONDS), LOG_LEVEL: 'warn' } });
  try {
    await stack.startTemporal();
    await stack.startWorker();
    await stack.startApi();
  } catch (err) {
    await stack.stop();
    await smtp.stop();
    throw err;
  }
  const db = await openDatabase(stack.databaseUrl);
  return {
    stack,
    smtp,
    db,
    store: new DossierStore(db),
    async stop() {
      await db.close();
      await stack.stop();
      await smtp.stop();
    },
  };
}

/** One write as the back-office sends it. */
export interface Write {
  path: string;
  body: Record<string, unknown>;
  key: string;
}

export interface Answer {
  write: Write;
  status: number;
  body: Record<string, unknown>;
  /** How many times it was sent before it got this answer. */
  attempts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `write` until it gets an answer: a network error (the API is down), a 503 (Temporal or the
 * database unavailable) or a 409 with Retry-After (the same key still being answered) is retried
 * with the same Idempotency-Key, as the API documents.
 */
export async function sendUntilAnswered(apiUrl: () => string, write: Write, timeoutMs = 150_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (let attempts = 1; ; attempts++) {
    let retryIn = 500;
    try {
      const res = await fetch(`${apiUrl()}${write.path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.backoffice}`, 'Content-Type': 'application/json', 'Idempotency-Key': write.key },
        body: JSON.stringify(write.body),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json()) as Record<string, unknown>;
      const again = res.status === 503 || (res.status === 409 && res.headers.has('retry-after'));
      if (!again) return { write, status: res.status, body, attempts };
      retryIn = res.status === 409 ? 1_000 : 500;
    } catch {
      // Connection refused or reset: the API is down or restarting.
    }
    if (Date.now() > deadline) throw new Error(`no answer to ${write.path} (${write.key}) within ${timeoutMs} ms`);
    await sleep(retryIn);
  }
}

/** A person registered with the CPAS de Liège (an e-mail to the CPAS), then a monthly contact. */
export function parcoursWrites(tag: string, k: number): { inscription: Write; contact: (parcoursId: string) => Write } {
  const today = civilDateInBrussels(Date.now());
  const niss = makeNiss(addDays('1960-01-01', k * 37));
  return {
    inscription: {
      path: '/v1/inscriptions',
      key: `${tag}-insc-${k}`,
      body: { niss, date: today, canal: 'presentiel', canalPreferentiel: 'email', dateContactMensuel: addDays(today, 28), personne: ADULTE, cpas: CPAS_LIEGE },
    },
    contact: (parcoursId) => ({ path: `/v1/parcours/${parcoursId}/contactMensuel`, key: `${tag}-cm-${k}`, body: { date: today, individuel: true, prochaineDate: addDays(today, 28) } }),
  };
}

export interface BurstResult {
  answers: Answer[];
  /** Answers already in when the fault was injected: fewer than all, or it was not mid-burst. */
  answeredBeforeFault: number;
  total: number;
}

/**
 * `count` parcours, each an inscription then a monthly contact, all at once; `fault` is injected
 * once `faultAfter` answers are in (0: as soon as the requests are out), while the rest are in
 * flight; it can count the answers in so far.
 */
export async function burst(apiUrl: () => string, tag: string, count: number, fault: (answered: () => number) => Promise<void>, faultAfter = 0): Promise<BurstResult> {
  const answers: Answer[] = [];
  let answeredBeforeFault = -1;
  let faultDone!: Promise<void>;
  let injected = false;
  const inject = () => {
    if (injected) return;
    injected = true;
    answeredBeforeFault = answers.length;
    faultDone = fault(() => answers.length);
  };
  const one = async (k: number) => {
    const w = parcoursWrites(tag, k);
    const insc = await sendUntilAnswered(apiUrl, w.inscription);
    answers.push(insc);
    if (answers.length >= faultAfter && faultAfter > 0) inject();
    if (insc.status !== 200) return;
    answers.push(await sendUntilAnswered(apiUrl, w.contact(insc.body.parcoursId as string)));
    if (answers.length >= faultAfter && faultAfter > 0) inject();
  };
  const all = Promise.all(Array.from({ length: count }, (_, k) => one(k)));
  if (faultAfter === 0) {
    await sleep(150);
    inject();
  }
  await all;
  await faultDone;
  return { answers, answeredBeforeFault, total: count * 2 };
}

/** The problems found in the dossier and the mail for the accepted answers; empty when all is well. */
export async function problems(fs: Pick<FaultStack, 'store'>, answers: Answer[]): Promise<string[]> {
  const found: string[] = [];
  const accepted = answers.filter((a) => a.status === 200);
  const byParcours = new Map<string, Answer[]>();
  for (const a of answers) {
    if (a.status !== 200) found.push(`${a.write.path} (${a.write.key}) answered ${a.status}: ${JSON.stringify(a.body).slice(0, 200)}`);
  }
  for (const a of accepted) {
    const id = a.body.parcoursId as string;
    byParcours.set(id, [...(byParcours.get(id) ?? []), a]);
  }
  for (const [parcoursId, mine] of byParcours) {
    const journal = await fs.store.journal(parcoursId);
    const facts = journal.filter((l) => l.key.startsWith('j:'));
    // Numbered without gap nor repeat: no line lost, none written twice.
    const seqs = facts.map((l) => Number(l.key.slice(2)));
    if (seqs.join() !== seqs.map((_, i) => i + 1).join()) found.push(`${parcoursId}: dossier numbered ${seqs.join(',')}`);
    for (const a of mine) {
      const eventId = a.body.eventId as string;
      const lines = a.body.dossier as DossierEntry[];
      if (!lines.length) found.push(`${parcoursId}: the answer to ${a.write.key} has no dossier line`);
      for (const e of lines) {
        const written = facts.filter((l) => l.key === `j:${String(e.seq).padStart(8, '0')}`);
        if (written.length !== 1 || written[0].code !== e.code || (e.eventId && written[0].eventId !== e.eventId)) found.push(`${parcoursId}: line ${e.seq} (${e.code}) of ${a.write.key} is ${written.length === 1 ? `written as ${written[0].code}` : `written ${written.length} times`}`);
      }
      // A fact applied once: its own line (the fact's type) appears once in the dossier.
      const own = facts.filter((l) => l.eventId === eventId && !l.code.startsWith('rectification'));
      const codes = own.map((l) => l.code);
      if (new Set(codes).size !== codes.length) found.push(`${parcoursId}: ${a.write.key} applied more than once (${codes.join(', ')})`);
    }
    // Whatever event id a retry carried: as many lines of each fact as facts accepted.
    for (const type of ['inscription', 'contactMensuel']) {
      const sent = mine.filter((a) => a.write.path.endsWith(type === 'inscription' ? '/inscriptions' : `/${type}`)).length;
      const written = facts.filter((l) => l.code === type).length;
      if (written !== sent) found.push(`${parcoursId}: ${written} ${type} lines for ${sent} accepted`);
    }
  }
  return found;
}

/**
 * Waits until every e-mail recorded as sent in these parcours' dossiers has reached the SMTP
 * server and every accepted inscription has its e-mail to the CPAS; returns what is wrong: an
 * e-mail missing, or two different messages under one Message-ID.
 */
export async function mailProblems(fs: Pick<FaultStack, 'store' | 'smtp'>, answers: Answer[], timeoutMs = 90_000): Promise<string[]> {
  const inscriptions = answers.filter((a) => a.status === 200 && a.write.path === '/v1/inscriptions').map((a) => a.body.parcoursId as string);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found: string[] = [];
    const expected: DossierLine[] = [];
    for (const id of inscriptions) {
      const messages = (await fs.store.journal(id)).filter((l) => l.key.startsWith('m:'));
      if (!messages.some((l) => l.code === 'email.inscription-enregistree')) found.push(`${id}: no e-mail to the CPAS recorded`);
      expected.push(...messages);
    }
    for (const line of expected) {
      const id = line.data?.messageId as string;
      const copies = fs.smtp.received.filter((m) => m.messageId === id);
      if (copies.length === 0) found.push(`${id} recorded as sent, not received`);
      if (new Set(copies.map((m) => `${m.to.join()}|${m.subject}`)).size > 1) found.push(`${id}: different messages under one Message-ID`);
    }
    if (found.length === 0 || Date.now() > deadline) return found;
    await sleep(500);
  }
}
