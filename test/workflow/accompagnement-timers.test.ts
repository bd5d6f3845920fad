/**
 * Limits of the types of accompaniment on the time-skipping server (spec §5; AGW art. 20–21),
 * with the CPAS told of each change by e-mail (spec §9 `changement-accompagnement`).
 */
import { addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('accompaniment limits', () => {
  const harness = useTimeSkippingHarness();

  it('digital interactif ends four months after registration: reassigned, CPAS told (art. 20 §1)', async () => {
    const p = await ParcoursDriver.start(harness());

    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 6) });
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
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: jeune, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 6) });
    await p.fact('affectation', { date: p.today, employabilite: 'elevee', accompagnement: 'enLigneAvecConseiller' });
    const e = await p.waitingFor('accompagnement.enLigne.moins30');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    const line = await p.expire(e, 'accompagnement.changement');
    expect(line).toMatchObject({ ruleId: 'accompagnement.enLigne.moins30', basis: expect.stringContaining('art. 21 §2') });
    expect((await p.view()).accompagnement?.type).toBe('axeMetier');
    await harness().smtp.waitFor((m) => m.text.includes('Nouveau type : axé métier') && m.messageId.startsWith(`<${p.parcoursId}.`));
  });
});
