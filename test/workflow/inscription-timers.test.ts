/**
 * Registration deadlines on the time-skipping server (spec §4–§5; AGW art. 5, 6, 16 §1):
 * bring the parcours to the state, check it waits, sleep past the deadline, read the decision.
 */
import { addDays, addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { ADULTE } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';



describe('registration deadlines', () => {
  const harness = useTimeSkippingHarness();

  it('telephone: without authentication within 7 days, the registration is not finalised (art. 5 §2 al. 4)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'telephone', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    const e = await p.waitingFor('inscription.telephone.authentification');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 7, unit: 'jours' }));
    const line = await p.expire(e, 'inscription.nonFinalisee');
    expect(line).toMatchObject({ kind: 'decision', ruleId: 'inscription.telephone.authentification', basis: expect.stringContaining('art. 5 §2, al. 4') });
    expect((await p.view()).statut).toBe('nonInscrit');
  });

  it('a parcours started without any fact ends after its grace period, holding nothing', async () => {
    const p = await ParcoursDriver.start(harness());
    await harness().env.sleep('11 minutes');
    const state = await p.handle.result();
    expect(state).toMatchObject({ statut: 'nonInscrit', journalSeq: 0, echeances: [] });
  });

  it('a registration recorded late decides at once on the deadline it already missed', async () => {
    const p = await ParcoursDriver.start(harness());
    const tenDaysAgo = addDays(p.today, -10);
    await p.fact('inscription', { date: tenDaysAgo, canal: 'telephone', personne: ADULTE, dateContactMensuel: addMonths(tenDaysAgo, 1) });
    // Decided at once, and dated the day the seven days ran out, as if recorded on time (spec §11).
    const finDelai = lastDayOfPeriod(tenDaysAgo, { amount: 7, unit: 'jours' });
    expect(await p.dossierLine('inscription.nonFinalisee')).toMatchObject({ ruleId: 'inscription.telephone.authentification', date: addDays(finDelai, 1) });
    expect((await p.view()).statut).toBe('nonInscrit');
  });

  it('online: without a monthly-contact date within 15 days, an élément défavorable (art. 5 §3 al. 3)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'enLigne', personne: ADULTE });
    const e = await p.waitingFor('inscription.enLigne.dateContact');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 15, unit: 'jours' }));
    const line = await p.expire(e, 'contact.nonFixe');
    expect(line).toMatchObject({ kind: 'elementDefavorable', basis: expect.stringContaining('art. 5 §3, al. 2 et 3') });
  });

  it('online: a profile not objectivated within 15 days raises an alert (art. 6 §1)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'enLigne', personne: ADULTE });
    const e = await p.waitingFor('inscription.enLigne.objectivation');
    const line = await p.expire(e, 'objectivation.horsDelai');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 6 §1er') });
  });

  it('without assignment within one month of registration, an alert (art. 16 §1)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    const e = await p.waitingFor('affectation.delai');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 1, unit: 'mois' }));
    const line = await p.expire(e, 'affectation.horsDelai');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 16 §1er') });
  });
});
