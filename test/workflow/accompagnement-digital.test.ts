/**
 * AGW 09/10/2025 art. 20 §1: digital interactif lasts four months from registration at most;
 * then the CE is reassigned, and the CPAS that follows the person is told (spec §5, §9).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { civilDateInBrussels, lastDayOfPeriod } from '../../domain/calendar';
import { affectationSignal, inscriptionSignal } from '../../workflows/definitions';
import { CPAS_LIEGE, CPAS_LIEGE_EMAIL, eventId } from '../helpers/fixtures';
import { startHarness, startTimeSkipping, type Harness } from '../helpers/harness';
import { startParcours, viewWhen } from '../helpers/parcours';

describe('digital interactif ends four months after registration (art. 20 §1)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;

  beforeAll(async () => {
    env = await startTimeSkipping();
    h = await startHarness(env);
  });

  afterAll(async () => {
    await h?.stop();
    await env?.teardown();
  });

  it('waits four months, then reassigns, writes the decision with its basis and e-mails the CPAS', async () => {
    const now = await env.currentTimeMs();
    const today = civilDateInBrussels(now);
    const { parcoursId, handle } = await startParcours(env, h.taskQueue);
    await handle.signal(inscriptionSignal, {
      id: eventId('inscription'),
      date: today,
      canal: 'enLigne',
      personne: { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true },
      cpas: CPAS_LIEGE,
    });
    await handle.signal(affectationSignal, { id: eventId('affectation'), date: today, employabilite: 'elevee', accompagnement: 'digitalInteractif' });

    const before = await viewWhen(handle, (v) => v.accompagnement?.type === 'digitalInteractif');
    const limit = before.echeances.find((e) => e.rule === 'accompagnement.digital.duree');
    expect(limit).toMatchObject({ depuis: today, dernierJour: lastDayOfPeriod(today, { amount: 4, unit: 'mois' }), basis: expect.stringContaining('art. 20 §1') });

    // One minute before the limit runs out, the parcours is still digital.
    await env.sleep(Date.parse(limit!.expire) - now - 60_000);
    expect((await viewWhen(handle, () => true)).accompagnement?.type).toBe('digitalInteractif');

    await env.sleep('2 minutes');
    const after = await viewWhen(handle, (v) => v.accompagnement?.type !== 'digitalInteractif');
    expect(after.accompagnement?.type).toBe('enLigneAvecConseiller');
    expect(after.echeances.map((e) => e.rule)).not.toContain('accompagnement.digital.duree');

    const decision = h.store.journal(parcoursId).find((l) => l.code === 'accompagnement.changement');
    expect(decision).toMatchObject({ kind: 'decision', ruleId: 'accompagnement.digital.duree', basis: expect.stringContaining('art. 20 §1') });

    const mail = await h.smtp.waitFor((m) => m.subject.includes('Changement du type d’accompagnement'));
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.text).toContain('digital interactif');
    expect(mail.text).toContain('en ligne avec un conseiller');
  });
});
