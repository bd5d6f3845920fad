/**
 * Limits of the types of accompaniment on the time-skipping server (spec §5; AGW art. 20–21),
 * with the CPAS told of each change by e-mail (spec §9 `changement-accompagnement`).
 */
import { addDays, addMonths, lastDayOfPeriod, onOrNextWorkingDay } from '../../domain/calendar';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver, patchesIn } from '../helpers/parcours';
import { PATCHES } from '../../workflows/definitions';

describe('accompaniment limits', () => {
  const harness = useTimeSkippingHarness();

  it('digital interactif ends four months after registration: reassigned, CPAS told (art. 20 §1)', async () => {
    const p = await ParcoursDriver.start(harness());

    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('affectation', { date: p.today, employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    const e = await p.waitingFor('accompagnement.digital.duree');
    expect(e).toMatchObject({ depuis: p.today, dernierJour: lastDayOfPeriod(p.today, { amount: 4, unit: 'mois' }), basis: expect.stringContaining('art. 20 §1') });

    const line = await p.expire(e, 'accompagnement.changement');
    expect(line).toMatchObject({ kind: 'decision', ruleId: 'accompagnement.digital.duree', basis: expect.stringContaining('art. 20 §1') });
    expect((await p.view()).accompagnement?.type).toBe('enLigneAvecConseiller');
    const mail = await harness().smtp.waitFor((m) => m.subject.includes('Changement du type d’accompagnement') && m.messageId.startsWith(`<${p.parcoursId}.`));
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.text).toContain('Ancien type : digital interactif');
    expect(mail.text).toContain('Nouveau type : en ligne avec un conseiller');
  });

  it('online with an adviser ends three months after registration for under-30s (art. 21 §2)', async () => {
    const p = await ParcoursDriver.start(harness());
    const jeune = { dateNaissance: addMonths(p.today, -12 * 27), experienceProfessionnelle: true, autonomieNumerique: true };
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: jeune, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('affectation', { date: p.today, employabilite: 'elevee', accompagnement: 'enLigneAvecConseiller' });
    const e = await p.waitingFor('accompagnement.enLigne.moins30');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    const line = await p.expire(e, 'accompagnement.changement');
    expect(line).toMatchObject({ ruleId: 'accompagnement.enLigne.moins30', basis: expect.stringContaining('art. 21 §2') });
    expect((await p.view()).accompagnement?.type).toBe('axeMetier');
    await harness().smtp.waitFor((m) => m.text.includes('Nouveau type : axé métier') && m.messageId.startsWith(`<${p.parcoursId}.`));
  });
  it('a de-registration interrupts the digital limit; a re-registration 20 days later resumes it 20 days later (art. 32 al. 5, art. 33 §3)', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('affectation', { date: p.today, employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    const avant = await p.waitingFor('accompagnement.digital.duree');

    const fin = addDays(p.today, 30);
    await p.sleepUntil(fin);
    await p.fact('desinscription', { date: fin });
    expect((await p.view()).echeances.map((e) => e.rule)).toEqual(['cloture.nonInscription']);
    const retour = addDays(fin, 20);
    await p.sleepUntil(retour);
    await p.fact('inscription', { date: retour, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(retour, 1) });

    const apres = await p.waitingFor('accompagnement.digital.duree');
    expect(apres.dernierJour).toBe(onOrNextWorkingDay(addDays(avant.dernierJour, 20)));
    expect(await p.dossierLine('reinscription.reprise')).toMatchObject({ basis: expect.stringContaining('art. 33 §3'), resume: expect.stringContaining(`accompagnement.digital.duree jusqu’au ${apres.dernierJour}`) });
    // The original limit passes without a decision; the resumed one reassigns.
    expect(await p.expire(apres, 'accompagnement.changement')).toMatchObject({ ruleId: 'accompagnement.digital.duree' });
    expect((await p.view()).accompagnement?.type).toBe('enLigneAvecConseiller');

    // The behaviour is behind a patch: running parcours recorded before it replay unchanged.
    expect(patchesIn(await p.handle.fetchHistory())).toContain(PATCHES.sanctionsSelonAgw); // the core that resumes them; older histories replay on the frozen one
  });
});
