/**
 * Scale out (issue 13 §3): two workers and two API processes on one Temporal dev server and one
 * Parcours database, as the production compose runs them. A burst of facts from many parcours,
 * each write sent to both APIs at the same moment with the same Idempotency-Key: every accepted
 * fact's dossier lines are written exactly once, every e-mail reaches the SMTP server exactly once,
 * and a retry on either API later gets the first answer and writes nothing.
 */
import '../helpers/harness'; // quiet runtime logger
import { Connection } from '@temporalio/client';
import { openDatabase, type Db, type DialectName } from '../../lib/db';
import { DossierStore } from '../../lib/dossier-store';
import { workflowIdOf } from '../../lib/pseudonym';
import { Stack } from '../../bench/system/stack';
import { mailProblems, parcoursWrites, problems, sendUntilAnswered, type Answer, type Write } from '../helpers/faults';
import { TestSmtpServer } from '../helpers/smtp';
import { createDatabaseUrl } from '../helpers/database';

const PARCOURS = 12;
/** Production's database (issue 13): the run's private PostgreSQL. SQLite's processes share a file, which the faults tier covers. */
const DIALECTS: DialectName[] = ['postgres'];

describe.each(DIALECTS)('scale out: two workers and two APIs on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let stack: Stack;
  let db: Db;
  let store: DossierStore;
  let apis: string[];
  let removeDatabase: (() => Promise<void>) | undefined;
  const first: Answer[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const database = await createDatabaseUrl(dialect);
    removeDatabase = database.remove;
    stack = new Stack({ smtpPort: smtp.port, databaseUrl: database.url, apiEnv: { LOG_LEVEL: 'warn' } });
    await stack.startTemporal();
    // One after the other: the first runs the migrations, the others find the schema current.
    await stack.startWorker();
    await stack.addWorker();
    await stack.startApi();
    apis = [stack.apiUrl, await stack.addApi()];
    db = await openDatabase(stack.databaseUrl, { poolSize: 2 });
    store = new DossierStore(db);
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
    await smtp?.stop();
    await removeDatabase?.();
  }, 60_000);

  /** Sends `write` to both APIs at once (in turn which first); both must get the same answer. */
  const toBoth = async (write: Write, k: number): Promise<Answer> => {
    const order = k % 2 ? [...apis].reverse() : apis;
    const [a, b] = await Promise.all(order.map((url) => sendUntilAnswered(() => url, write)));
    expect([b.status, b.body.eventId, b.body.parcoursId]).toEqual([a.status, a.body.eventId, a.body.parcoursId]);
    return a;
  };

  it('applies a burst of facts sent to both APIs at once exactly once: dossier lines once, every e-mail once', async () => {
    const one = async (k: number) => {
      const w = parcoursWrites('scale', k);
      const inscription = await toBoth(w.inscription, k);
      first.push(inscription);
      if (inscription.status === 200) first.push(await toBoth(w.contact(inscription.body.parcoursId as string), k + 1));
    };
    await Promise.all(Array.from({ length: PARCOURS }, (_, k) => one(k)));

    expect(first.filter((a) => a.status === 200)).toHaveLength(PARCOURS * 2);
    expect(await problems({ store }, first)).toEqual([]);
    expect(await mailProblems({ store, smtp }, first)).toEqual([]);
    // Once each, not merely under one Message-ID: no e-mail sent by both workers.
    const journals = await Promise.all(first.filter((a) => a.write.path === '/v1/inscriptions').map((a) => store.journal(a.body.parcoursId as string)));
    const recorded = journals.flat().filter((l) => l.key.startsWith('m:'));
    expect(recorded.length).toBeGreaterThanOrEqual(PARCOURS);
    const copies = recorded.map((l) => smtp.received.filter((m) => m.messageId === l.data?.messageId).length);
    expect(copies).toEqual(recorded.map(() => 1));
    expect(smtp.received).toHaveLength(recorded.length);
  });

  it('shared the work between both workers: the histories name each of them', async () => {
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const identities = new Set<string>();
      for (const a of first.filter((x) => x.write.path === '/v1/inscriptions')) {
        const { history } = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: workflowIdOf(a.body.parcoursId as string) } });
        for (const e of history?.events ?? []) {
          const identity = e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
          if (identity) identities.add(identity.split('@')[0]);
        }
      }
      // The SDK names a worker `<pid>@<host>`.
      expect([...identities].sort()).toEqual([stack.worker!.pid, stack.replicas.workers[0].pid].map(String).sort());
    } finally {
      await connection.close();
    }
  });

  it('answers a retry on either API with the first answer, and writes nothing', async () => {
    const lines = await store.size();
    const received = smtp.received.length;
    const again = await Promise.all(first.map((a, i) => sendUntilAnswered(() => apis[i % 2], a.write)));
    expect(again.map((a) => [a.status, a.body.eventId])).toEqual(first.map((a) => [a.status, a.body.eventId]));
    expect(await store.size()).toBe(lines);
    expect(smtp.received.length).toBe(received);
  });
});
