/**
 * Late facts rectify, on the real stack (spec §11; issue 10): the workflow re-decides from the
 * facts at their dates, annuls in the dossier what no longer holds, and e-mails a rectification
 * that names the earlier message. Dates are computed from the articles (art. 30 §1, 33 §1 2°).
 */
import { addDays, addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, demandeCpas } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('late facts rectify', () => {
  const harness = useTimeSkippingHarness();

  async function inscrit(): Promise<ParcoursDriver> {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('demande', demandeCpas(p.today));
    await p.fact('affectation', { date: p.today, employabilite: 'moyenne' });
    await p.fact('proposition', { date: p.today, nature: 'formation' });
    return p;
  }

  it('a justification handed in on the fifth working day, recorded two days later: the registered-letter decision is annulled and the CPAS warning rectified', async () => {
    const p = await inscrit();
    const reference = (await p.view()).demandes[0].reference;
    await p.fact('demandeTraitee', { date: p.today, reference, service: 'Atelier CV', dateRendezVous: p.today, lieu: 'Liège' });
    const absence = p.today;
    await p.fact('absence', { date: absence, reference });
    const e = await p.waitingFor('absence.justification');
    const cinquieme = lastDayOfPeriod(absence, { amount: 5, unit: 'joursOuvrables' });
    expect(e.dernierJour).toBe(cinquieme);
    await p.expire(e, 'absence.nonJustifiee');
    const avertissement = await harness().smtp.waitFor((m) => m.subject.includes('Absence non justifiée') && m.messageId.startsWith(`<${p.parcoursId}.`));

    await p.sleepUntil(addDays(cinquieme, 2));
    await p.fact('justification', { date: cinquieme, admise: true });
    await p.dossierLine('justification.admise');
    const annulation = (await harness().store.journal(p.parcoursId)).find((l) => l.code === 'rectification.annulation' && l.data?.code === 'absence.nonJustifiee')!;
    const decision = (await p.line('absence.nonJustifiee'))!;
    expect(annulation).toMatchObject({ kind: 'decision', ruleId: 'rectification.faitTardif', data: expect.objectContaining({ code: 'absence.nonJustifiee', annule: expect.any(Number) }) });
    expect(annulation.resume).toContain(`(absence.nonJustifiee du ${decision.date})`);
    expect(decision.annuleePar).toBe(annulation.key); // the read shows it annulled; the line itself is unchanged
    expect(await p.line('justification.admise')).toBeDefined();
    expect((await p.view()).echeances.map((x) => x.rule)).not.toContain('absence.justification');

    const rectification = await harness().smtp.waitFor((m) => m.subject.includes('Rectification') && m.messageId.startsWith(`<${p.parcoursId}.`));
    expect(rectification.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(rectification.parsed.headers.get('references')).toBe(avertissement.messageId);
    expect(rectification.text).toContain(`Référence de la demande : ${reference}`);
  });

  it('a re-registration on the last day of the three months, recorded after the closure: the closure is annulled and the parcours resumes', async () => {
    const p = await inscrit();
    await p.fact('desinscription', { date: p.today });
    const e = await p.waitingFor('cloture.nonInscription');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    await p.expire(e, 'cloture');
    expect((await p.view()).statut).toBe('cloture');

    // The workflow stays open to late facts after the closure (spec §11).
    await p.sleepUntil(addDays(e.dernierJour, 6));
    await p.fact('inscription', { date: e.dernierJour, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(e.dernierJour, 1) });
    const annulation = await p.dossierLine('rectification.annulation');
    expect(annulation.data).toMatchObject({ code: 'cloture' });
    expect(await p.dossierLine('reinscription.reprise')).toMatchObject({ ruleId: 'reinscription.reprise' });
    expect((await p.view()).statut).toBe('inscrit');
  });

  it('a late fact that changes nothing is just recorded', async () => {
    const p = await inscrit();
    await p.sleepUntil(addDays(p.today, 10));
    await p.fact('sollicitation', { date: addDays(p.today, 3), nature: 'convocation' });
    await p.fact('presence', { date: addDays(p.today, 3) });
    expect(await p.codes()).not.toContain('rectification.annulation');
    expect(await p.line('presence')).toMatchObject({ date: addDays(p.today, 3) });
  });

  it('a fact dated further back than three months is refused with the reason', async () => {
    const p = await inscrit();
    await p.sleepUntil(addMonths(p.today, 4));
    await p.fact('presence', { date: addDays(p.today, 1) });
    expect((await p.line('presence.refuse'))?.resume).toContain('au-delà de 3 mois');
  });
});
