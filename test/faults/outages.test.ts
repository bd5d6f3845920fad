/**
 * Faults tier, outages (issue 14 §4): the SMTP server down for a while, and the product's
 * database locked for 30 s by another connection, in the middle of a burst of facts sent over
 * HTTP. The facts wait or are retried, none is lost or applied twice, and every e-mail reaches the
 * CPAS once SMTP and the database are back (copies only under one Message-ID).
 */
import '../helpers/harness'; // quiet runtime logger
import BetterSqlite3 from 'better-sqlite3';
import { burst, mailProblems, problems, startFaultStack, type FaultStack } from '../helpers/faults';

const PARCOURS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: outages mid-burst', () => {
  let fs: FaultStack;
  const api = () => fs.stack.apiUrl;
  beforeAll(async () => {
    fs = await startFaultStack();
  }, 150_000);
  afterAll(async () => {
    await fs?.stop();
  }, 60_000);

  it('delivers every e-mail once the SMTP server is back, and decides every fact meanwhile', async () => {
    const received = fs.smtp.received.length;
    let answeredWhileDown = 0;
    const r = await burst(api, 'smtp', PARCOURS, async (answered) => {
      const before = answered();
      await fs.smtp.pause();
      await sleep(8_000);
      answeredWhileDown = answered() - before;
      await fs.smtp.resume();
    });
    expect(r.answeredBeforeFault).toBeLessThan(r.total);
    // An SMTP outage delays mail, never a decision.
    expect(answeredWhileDown).toBeGreaterThan(0);
    expect(await problems(fs, r.answers)).toEqual([]);
    expect(await mailProblems(fs, r.answers)).toEqual([]);
    expect(fs.smtp.received.length - received).toBeGreaterThanOrEqual(PARCOURS);
  });

  it('loses nothing while the database is locked for 30 s', async () => {
    // A second connection to the stack's SQLite file, as another process holding its lock would be.
    const lock = new BetterSqlite3(fs.stack.databasePath, { timeout: 5000 });
    try {
      let answeredWhileLocked = -1;
      const r = await burst(api, 'lock', PARCOURS, async (answered) => {
        lock.exec('BEGIN EXCLUSIVE');
        // A request whose writes were done before the lock may still have its answer on the way:
        // counted once it has had a second to arrive, not as answered while locked.
        await sleep(1_000);
        const before = answered();
        await sleep(29_000);
        answeredWhileLocked = answered() - before;
        lock.exec('COMMIT');
      });
      expect(r.answeredBeforeFault).toBeLessThan(r.total);
      // The lock held: no write could be answered until it was released (the requests were retried or waited).
      expect(answeredWhileLocked).toBe(0);
      expect(await problems(fs, r.answers)).toEqual([]);
      expect(await mailProblems(fs, r.answers)).toEqual([]);
    } finally {
      if (lock.inTransaction) lock.exec('COMMIT');
      lock.close();
    }
  }, 180_000);
});
