/** Driving one parcours workflow in tests: record facts, read the query, let time pass. */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { civilDateInBrussels, startOfDayInBrussels, type CivilDate } from '../../domain/calendar';
import type { EcheanceView, FactType, ParcoursView } from '../../domain/parcours';
import type { DossierLine } from '../../lib/dossier-store';
import { workflowIdOf } from '../../lib/pseudonym';
import { etatQuery, FACT_SIGNALS, type ParcoursInput, type SignalPayload } from '../../workflows/definitions';
import type { parcours } from '../../workflows';
import type { Harness } from './harness';

/** The patch ids recorded in a history (markers written by `patched()`). */
export function patchesIn(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): string[] {
  return (history.events ?? []).flatMap((e) => {
    const a = e.markerRecordedEventAttributes;
    const data = a?.markerName === 'core_patch' ? a.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

export function newParcoursId(): string {
  return `ce-${randomUUID().replace(/-/g, '')}`;
}

/** Starts a parcours; `input` as the API gives a new run of a person's workflow (its dossier's numbering, requests waiting for a registration). */
export async function startParcours(env: TestWorkflowEnvironment, taskQueue: string, searchAttributes = false, input: Partial<ParcoursInput> = {}): Promise<{ parcoursId: string; handle: WorkflowHandle<typeof parcours> }> {
  const parcoursId = input.parcoursId ?? newParcoursId();
  const handle = await env.client.workflow.start<typeof parcours>('parcours', {
    workflowId: workflowIdOf(parcoursId),
    taskQueue,
    args: [{ ...input, parcoursId, searchAttributes }],
  });
  return { parcoursId, handle };
}

/** Queries until the view satisfies `predicate` (a signal is applied in the next workflow task). */
export async function viewWhen(handle: WorkflowHandle, predicate: (v: ParcoursView) => boolean, timeoutMs = 20_000): Promise<ParcoursView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await handle.query(etatQuery);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`parcours never reached the expected state; last view: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export class ParcoursDriver {
  private n = 0;

  private constructor(
    readonly h: Harness,
    readonly parcoursId: string,
    readonly handle: WorkflowHandle<typeof parcours>,
    /** The Brussels date of the test server's clock when the parcours started. */
    readonly today: CivilDate,
  ) {}

  static async start(h: Harness, input: Partial<ParcoursInput> = {}): Promise<ParcoursDriver> {
    const { parcoursId, handle } = await startParcours(h.env, h.taskQueue, false, input);
    return new ParcoursDriver(h, parcoursId, handle, civilDateInBrussels(await h.env.currentTimeMs()));
  }

  /**
   * Signals a fact and waits until the workflow has decided it and written the decision to the
   * dossier. The query shows a decision before its dossier write (an activity) has run, so waiting
   * on the query alone races the database.
   */
  async fact<T extends FactType>(type: T, payload: Omit<SignalPayload<T>, 'id'>): Promise<ParcoursView> {
    const id = `${type}-${++this.n}-${randomUUID()}`;
    await this.handle.signal(FACT_SIGNALS[type] as never, { ...payload, id } as never);
    const view = await viewWhen(this.handle, (v) => v.historique.some((e) => e.eventId === id));
    await this.until(async () => (await this.h.store.journal(this.parcoursId)).some((l) => l.eventId === id), `the dossier line of ${id}`);
    return view;
  }

  private async until(done: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; dossier: ${(await this.codes()).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The Brussels date of the test server's clock now. */
  async now(): Promise<CivilDate> {
    return civilDateInBrussels(await this.h.env.currentTimeMs());
  }

  /** Lets the test server's clock run to 10:00 Brussels on `date`. */
  async sleepUntil(date: CivilDate): Promise<void> {
    const target = startOfDayInBrussels(date) + 10 * 3_600_000;
    const now = await this.h.env.currentTimeMs();
    if (target > now) await this.h.env.sleep(target - now);
  }

  /** Waits until the workflow has completed, without letting the test server's clock run. */
  async completed(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.handle.describe()).status.name !== 'COMPLETED') {
      if (Date.now() > deadline) throw new Error('the parcours did not complete');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  view(): Promise<ParcoursView> {
    return this.handle.query(etatQuery);
  }

  /** The pending deadline of `rule`, failing if the parcours is not waiting for it. */
  async waitingFor(rule: string): Promise<EcheanceView> {
    const e = (await this.view()).echeances.find((x) => x.rule === rule);
    if (!e) throw new Error(`the parcours is not waiting for ${rule}`);
    return e;
  }

  /** Lets the test server's clock run to `offsetMs` around the instant the deadline runs out. */
  async sleepTo(e: EcheanceView, offsetMs: number): Promise<void> {
    const now = await this.h.env.currentTimeMs();
    await this.h.env.sleep(Math.max(1, Date.parse(e.expire) + offsetMs - now));
  }

  /**
   * Checks that one minute before the deadline the decision `code` is not taken, sleeps past it,
   * and returns the dossier line the workflow wrote.
   */
  async expire(e: EcheanceView, code: string): Promise<DossierLine> {
    await this.sleepTo(e, -60_000);
    const before = await this.view();
    expect(before.echeances.map((x) => x.rule)).toContain(e.rule);
    expect(before.historique.map((x) => x.code)).not.toContain(code);
    await this.sleepTo(e, 60_000);
    return this.dossierLine(code);
  }

  /** Waits until the dossier in the database has a line `code`. */
  async dossierLine(code: string, timeoutMs = 20_000): Promise<DossierLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = await this.line(code);
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no dossier line ${code}; dossier: ${(await this.codes()).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async line(code: string): Promise<DossierLine | undefined> {
    return (await this.h.store.journal(this.parcoursId)).find((l) => l.code === code);
  }

  async codes(): Promise<string[]> {
    return (await this.h.store.journal(this.parcoursId)).map((l) => l.code);
  }
}
