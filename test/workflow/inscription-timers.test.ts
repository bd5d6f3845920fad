/**
 * Registration deadlines on the time-skipping server (spec §4–§5; AGW art. 5, 6, 16 §1):
 * bring the parcours to the state, check it waits, sleep past the deadline, read the decision.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { startHarness, startTimeSkipping, type Harness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

const adulte = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };

describe('registration deadlines', () => {
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

  it('telephone: without authentication within 7 days, the registration is not finalised (art. 5 §2 al. 4)', async () => {
    const p = await ParcoursDriver.start(h);
    await p.fact('inscription', { date: p.today, canal: 'telephone', personne: adulte, dateContactMensuel: addMonths(p.today, 1) });
    const e = await p.waitingFor('inscription.telephone.authentification');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 7, unit: 'jours' }));
    const line = await p.expire(e, 'inscription.nonFinalisee');
    expect(line).toMatchObject({ kind: 'decision', ruleId: 'inscription.telephone.authentification', basis: expect.stringContaining('art. 5 §2, al. 4') });
    expect((await p.view()).statut).toBe('nonInscrit');
  });

  it('online: without a monthly-contact date within 15 days, an élément défavorable (art. 5 §3 al. 3)', async () => {
    const p = await ParcoursDriver.start(h);
    await p.fact('inscription', { date: p.today, canal: 'enLigne', personne: adulte });
    const e = await p.waitingFor('inscription.enLigne.dateContact');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 15, unit: 'jours' }));
    const line = await p.expire(e, 'contact.nonFixe');
    expect(line).toMatchObject({ kind: 'elementDefavorable', basis: expect.stringContaining('art. 5 §3, al. 2 et 3') });
  });

  it('online: a profile not objectivated within 15 days raises an alert (art. 6 §1)', async () => {
    const p = await ParcoursDriver.start(h);
    await p.fact('inscription', { date: p.today, canal: 'enLigne', personne: adulte });
    const e = await p.waitingFor('inscription.enLigne.objectivation');
    const line = await p.expire(e, 'objectivation.horsDelai');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 6 §1er') });
  });

  it('without assignment within one month of registration, an alert (art. 16 §1)', async () => {
    const p = await ParcoursDriver.start(h);
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(p.today, 2) });
    const e = await p.waitingFor('affectation.delai');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 1, unit: 'mois' }));
    const line = await p.expire(e, 'affectation.horsDelai');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 16 §1er') });
  });
});
