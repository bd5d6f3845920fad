/**
 * What operators and long-lived parcours rely on, on the Temporal CLI dev server: search
 * attributes to find parcours in the UI, and continue-as-new when the server suggests it.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addMonths, civilDateInBrussels } from '../../domain/calendar';
import { workflowIdOf } from '../../lib/pseudonym';
import { etatQuery, evenementUpdate, FACT_SIGNALS, SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { ADULTE, CPAS_LIEGE } from '../helpers/fixtures';
import { DIALECTS } from '../helpers/database';
import { useDevServerHarness, type Harness } from '../helpers/harness';
import { eventually } from '../helpers/eventually';
import { newParcoursId, viewWhen } from '../helpers/parcours';

const adulte = ADULTE;

describe.each(DIALECTS)('operations on the dev server (%s)', (dialect) => {
  // The server suggests continue-as-new after 30 events instead of thousands, to see it happen.
  const harness = useDevServerHarness({ dialect, extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=30'] });
  let h: Harness;
  let env: TestWorkflowEnvironment;
  beforeAll(() => {
    h = harness();
    env = h.env;
  });

  async function start(): Promise<{ parcoursId: string; handle: ReturnType<typeof env.client.workflow.getHandle> }> {
    const parcoursId = newParcoursId();
    const today = civilDateInBrussels(Date.now());
    const handle = await env.client.workflow.signalWithStart('parcours', {
      workflowId: workflowIdOf(parcoursId),
      taskQueue: h.taskQueue,
      args: [{ parcoursId }],
      signal: FACT_SIGNALS.inscription,
      signalArgs: [{ id: randomUUID(), date: today, canal: 'presentiel', personne: adulte, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(today, 1) }],
    });
    return { parcoursId, handle };
  }

  it('publishes state, type, CPAS, regime and next deadline as search attributes operators can filter on', async () => {
    const { parcoursId, handle } = await start();
    const today = civilDateInBrussels(Date.now());
    await handle.signal(FACT_SIGNALS.affectation, { id: randomUUID(), date: today, employabilite: 'moyenne' });
    const view = await viewWhen(handle, (v) => v.accompagnement?.type === 'axeMetier');
    const next = view.echeances[0];

    // The query shows the decision as soon as it is taken; the upsert follows the dossier write.
    const sa = await eventually(async () => {
      const attrs = (await handle.describe()).typedSearchAttributes;
      return attrs.get(SEARCH_ATTRIBUTES.accompagnement) === 'axeMetier' && attrs;
    }, 'the search attributes of the assignment');
    expect(sa.get(SEARCH_ATTRIBUTES.statut)).toBe('inscrit');
    expect(sa.get(SEARCH_ATTRIBUTES.accompagnement)).toBe('axeMetier');
    expect(sa.get(SEARCH_ATTRIBUTES.cpas)).toBe(CPAS_LIEGE);
    expect(sa.get(SEARCH_ATTRIBUTES.regime)).toBe('aocs-2025');
    expect(sa.get(SEARCH_ATTRIBUTES.prochaineEcheance)?.toISOString()).toBe(next.expire);

    // The kind of query an operator types in the Temporal UI.
    const until = new Date(Date.parse(next.expire) + 86_400_000).toISOString();
    const query = `ParcoursStatut = 'inscrit' AND ParcoursCpas = '${CPAS_LIEGE}' AND ParcoursProchaineEcheance <= '${until}' AND WorkflowId = '${workflowIdOf(parcoursId)}'`;
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const wf of env.client.workflow.list({ query })) found.push(wf.workflowId);
      if (!found.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([workflowIdOf(parcoursId)]);
  });

  it('continues as new when the server suggests it, carrying the state, with every dossier line written once', async () => {
    const { parcoursId, handle } = await start();
    const firstRun = (await handle.describe()).runId;
    const today = civilDateInBrussels(Date.now());
    const latest = () => env.client.workflow.getHandle(workflowIdOf(parcoursId));
    // One fact at a time, each decided before the next (the Update answers once it is written),
    // until the server's suggestion has made the parcours continue as new. It does so in a task of
    // its own, once no fact is waiting: between facts, it is given a moment to.
    let facts = 0;
    while (facts < 30 && (await latest().describe()).runId === firstRun) {
      const r = await latest().executeUpdate(evenementUpdate, { args: [{ type: 'sollicitation', id: `s-${facts}`, date: addDays(today, facts + 1), nature: 'convocation' }] });
      expect(r.accepte).toBe(true);
      facts++;
      for (let i = 0; i < 10 && (await latest().describe()).runId === firstRun; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await latest().describe()).runId).not.toBe(firstRun);
    expect(facts).toBeLessThan(30);

    // The new run carries the state: a duplicate of a fact applied in the first run is still dropped.
    const duplicate = await latest().executeUpdate(evenementUpdate, { args: [{ type: 'sollicitation', id: 's-0', date: addDays(today, 1), nature: 'convocation' }] });
    expect(duplicate.dossier.map((e) => e.code)).toEqual(['sollicitation']); // the first outcome, not a new line
    await latest().executeUpdate(evenementUpdate, { args: [{ type: 'proposition', id: 'p-last', date: today, nature: 'emploi' }] });
    const view = await latest().query(etatQuery);
    expect(view).toMatchObject({ parcoursId, statut: 'inscrit' });

    await harness().smtp.waitFor((m) => m.messageId.startsWith(`<${parcoursId}.`));
    await eventually(async () => (await h.store.journal(parcoursId)).some((l) => l.kind === 'message'), 'the inscription e-mail in the dossier');
    const journal = (await h.store.journal(parcoursId));
    expect(journal.filter((l) => l.code === 'sollicitation')).toHaveLength(facts);
    const keys = journal.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(journal.filter((l) => l.kind === 'message')).toHaveLength(1); // the inscription e-mail, once
  });
});
