/** Starting and observing a parcours workflow in tests. */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ParcoursView } from '../../domain/parcours';
import { workflowIdOf } from '../../lib/pseudonym';
import { etatQuery } from '../../workflows/definitions';
import type { parcours } from '../../workflows';

export function newParcoursId(): string {
  return `ce-${randomUUID().replace(/-/g, '')}`;
}

export async function startParcours(env: TestWorkflowEnvironment, taskQueue: string, searchAttributes = false): Promise<{ parcoursId: string; handle: WorkflowHandle<typeof parcours> }> {
  const parcoursId = newParcoursId();
  const handle = await env.client.workflow.start<typeof parcours>('parcours', {
    workflowId: workflowIdOf(parcoursId),
    taskQueue,
    args: [{ parcoursId, searchAttributes }],
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
