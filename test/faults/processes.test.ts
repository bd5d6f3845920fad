/**
 * Faults tier, processes (issue 14 §4): the worker, the API and the Temporal dev server each
 * killed with SIGKILL in the middle of a burst of facts sent over HTTP, then restarted. Every
 * accepted fact's dossier lines are written exactly once, every e-mail reaches the CPAS (copies
 * only under one Message-ID), and a retry with the same Idempotency-Key changes nothing.
 */
import '../helpers/harness'; // quiet runtime logger
import { burst, mailProblems, problems, sendUntilAnswered, startFaultStack, type Answer, type FaultStack } from '../helpers/faults';

const PARCOURS = 8;

describe('faults: processes killed mid-burst', () => {
  let fs: FaultStack;
  const all: Answer[] = [];
  const api = () => fs.stack.apiUrl;
  beforeAll(async () => {
    fs = await startFaultStack();
  }, 150_000);
  afterAll(async () => {
    await fs?.stop();
  }, 60_000);

  const sigkill = async (which: 'worker' | 'api' | 'temporal') => {
    const child = fs.stack[which]!;
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
  };

  it('loses nothing when the worker is killed with SIGKILL and started again', async () => {
    const r = await burst(api, 'worker', PARCOURS, async () => {
      await sigkill('worker');
      await fs.stack.startWorker();
    });
    all.push(...r.answers);
    expect(r.answeredBeforeFault).toBeLessThan(r.total);
    expect(await problems(fs, r.answers)).toEqual([]);
    expect(await mailProblems(fs, r.answers)).toEqual([]);
  });

  it('loses nothing when the API is killed with SIGKILL and started again; the retries take its keys over', async () => {
    const r = await burst(api, 'api', PARCOURS, async () => {
      await sigkill('api');
      await fs.stack.startApi();
    });
    all.push(...r.answers);
    expect(r.answeredBeforeFault).toBeLessThan(r.total);
    expect(await problems(fs, r.answers)).toEqual([]);
    expect(await mailProblems(fs, r.answers)).toEqual([]);
  });

  it('loses nothing when the Temporal dev server is killed with SIGKILL and started again on its database', async () => {
    const r = await burst(api, 'temporal', PARCOURS, async () => {
      await sigkill('temporal');
      await fs.stack.startTemporal();
    });
    all.push(...r.answers);
    expect(r.answeredBeforeFault).toBeLessThan(r.total);
    expect(await problems(fs, r.answers)).toEqual([]);
    expect(await mailProblems(fs, r.answers)).toEqual([]);
  });

  it('answers every write sent again with the same key as the first time, and writes nothing more', async () => {
    const before = await fs.store.size();
    const again = await Promise.all(all.map((a) => sendUntilAnswered(api, a.write)));
    expect(again.map((a) => [a.status, a.body.eventId])).toEqual(all.map((a) => [a.status, a.body.eventId]));
    expect(await fs.store.size()).toBe(before);
  });
});
