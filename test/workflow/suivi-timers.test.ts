/** Follow-up deadlines on the time-skipping server (spec §6; AGW art. 25, 28, 39). */
import { addDays, addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { ADULTE } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';



describe('follow-up deadlines', () => {
  const harness = useTimeSkippingHarness();

  it('a missed monthly contact raises an alert signal (art. 25 §1, art. 39)', async () => {
    const p = await ParcoursDriver.start(harness());
    const date = addDays(p.today, 20);
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: date });
    const e = await p.waitingFor('contact.mensuel');
    expect(e.dernierJour).toBe(date);
    const line = await p.expire(e, 'contact.manque');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 25 §1er') });
    // Art. 39 §2: counted from the day the signal is emitted, the day after the missed date.
    expect((await p.waitingFor('signalAlerte.contact')).dernierJour).toBe(lastDayOfPeriod(addDays(date, 1), { amount: 3, unit: 'joursOuvrables' }));
  });

  it('under-30s: without an individual contact in three months, an alert (art. 25 §2)', async () => {
    const p = await ParcoursDriver.start(harness());
    const jeune = { dateNaissance: addMonths(p.today, -12 * 22), experienceProfessionnelle: true, autonomieNumerique: true };
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: jeune, dateContactMensuel: addMonths(p.today, 1) });
    const e = await p.waitingFor('contact.individuel.moins30');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    const line = await p.expire(e, 'contactIndividuel.manque');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 25 §2') });
  });

  it('outside digital interactif: an individual contact in the first month, none in the second → an alert at its end (art. 25 §5)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('affectation', { date: p.today, employabilite: 'moyenne' });
    const premier = await p.waitingFor('contact.individuel.quatrePremiersMois');
    expect(premier).toMatchObject({ depuis: p.today, dernierJour: lastDayOfPeriod(p.today, { amount: 1, unit: 'mois' }), basis: expect.stringContaining('art. 25 §5') });

    const entretien = addDays(p.today, 10);
    await p.sleepUntil(entretien);
    await p.fact('contactMensuel', { date: entretien, individuel: true, prochaineDate: addMonths(entretien, 1) });
    const second = await p.waitingFor('contact.individuel.quatrePremiersMois');
    expect(second).toMatchObject({ depuis: premier.dernierJour, dernierJour: lastDayOfPeriod(p.today, { amount: 2, unit: 'mois' }) });

    const line = await p.expire(second, 'contactIndividuel.moisManque');
    expect(line).toMatchObject({ kind: 'signalAlerte', ruleId: 'contact.individuel.quatrePremiersMois', basis: expect.stringContaining('art. 25 §5') });
    expect((await p.codes()).filter((c) => c === 'contactIndividuel.moisManque')).toHaveLength(1); // the first month was kept
    expect((await p.waitingFor('contact.individuel.quatrePremiersMois')).dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
  });

  it('without a proposal within four months of registration, an alert (art. 28 §1)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('affectation', { date: p.today, employabilite: 'moyenne' });
    const e = await p.waitingFor('proposition.delai');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 4, unit: 'mois' }));
    const line = await p.expire(e, 'proposition.horsDelai');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 28 §1er') });
  });

  it('an alert signal without a contact within three working days escalates (art. 39 §2)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('signalAlerte', { date: p.today, motif: 'demandeAide' });
    const e = await p.waitingFor('signalAlerte.contact');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'joursOuvrables' }));
    const line = await p.expire(e, 'signalAlerte.escalade');
    expect(line).toMatchObject({ kind: 'signalAlerte', basis: expect.stringContaining('art. 39 §2') });
  });
});
