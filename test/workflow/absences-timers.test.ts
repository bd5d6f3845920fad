/**
 * Absences, suspension, CPAS reprise and closure on the time-skipping server (spec §7–§9;
 * AGW art. 30–33; seed 000), with the e-mails read from a real SMTP server.
 */
import { addDays, addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { dateLongue } from '../../activities/mail/format';
import type { Personne } from '../../domain/parcours';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, demandeCpas } from '../helpers/fixtures';
import { SERVICE_CONTROLE_EMAIL, useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';



describe('absences, suspension and closure', () => {
  const harness = useTimeSkippingHarness();

  const mailFor = (p: ParcoursDriver, subject: string) => harness().smtp.waitFor((m) => m.subject.includes(subject) && m.messageId.startsWith(`<${p.parcoursId}.`));

  async function inscrit(personne: Personne = ADULTE): Promise<ParcoursDriver> {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await p.fact('demande', demandeCpas(p.today));
    await p.fact('proposition', { date: p.today, nature: 'formation' });
    await p.fact('affectation', { date: p.today, employabilite: 'moyenne' });
    return p;
  }

  /** An absence today left without justification: a registered letter is owed (art. 30 §2). */
  async function premiereAbsence(p: ParcoursDriver, reference?: string): Promise<void> {
    const date = await p.now();
    await p.fact('absence', { date, ...(reference ? { reference } : {}) });
    const e = await p.waitingFor('absence.justification');
    expect(e.dernierJour).toBe(lastDayOfPeriod(date, { amount: 5, unit: 'joursOuvrables' }));
    await p.expire(e, 'absence.nonJustifiee');
  }

  /**
   * The registered letter, then an absence at its appointment left without justification: the
   * outcome of art. 30 §3 takes effect the day after the five working days (spec §7.5).
   */
  async function secondeAbsence(p: ParcoursDriver): Promise<{ rdv: string; issue: string }> {
    const envoi = await p.now();
    const rdv = addDays(envoi, 21);
    await p.fact('reconvocation', { date: envoi, mode: 'recommandePostal', dateRendezVous: rdv });
    await p.sleepUntil(rdv);
    await p.fact('absence', { date: rdv });
    await p.sleepTo(await p.waitingFor('absence.justification'), 60_000);
    return { rdv, issue: addDays(lastDayOfPeriod(rdv, { amount: 5, unit: 'joursOuvrables' }), 1) };
  }

  it('without justification within five working days at the service booked for the request: registered letter, and a warning to the CPAS (art. 30 §1–2; seed 000)', async () => {
    const p = await inscrit();
    const reference = (await p.view()).demandes[0].reference;
    await p.fact('demandeTraitee', { date: p.today, reference, service: 'Atelier CV', dateRendezVous: p.today, lieu: 'Liège' });
    const date = await p.now();
    await premiereAbsence(p, reference);
    const line = (await p.line('absence.nonJustifiee'))!;
    expect(line).toMatchObject({ kind: 'decision', basis: expect.stringContaining('art. 30 §2') });
    const mail = await mailFor(p, 'Absence non justifiée');
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.text).toContain(`Date manquée : ${dateLongue(date)}`);
    expect(mail.text).toContain('rendez-vous fixé par ce recommandé');
  });

  it('a registered letter fixing the appointment before the 21st day is refused with the earliest date (art. 30 §2)', async () => {
    const p = await inscrit();
    await premiereAbsence(p);
    const envoi = await p.now();
    await p.fact('reconvocation', { date: envoi, mode: 'recommandePostal', dateRendezVous: addDays(envoi, 20) });
    expect((await p.line('reconvocation.refuse'))?.resume).toContain(`au plus tôt le ${addDays(envoi, 21)}`);
  });

  it('foreseeable reason: no re-contact in five working days → élément défavorable; no convocation in fifteen → alert (art. 31 §2–3)', async () => {
    const p = await inscrit();
    const date = await p.now();
    await p.fact('absence', { date });
    await p.fact('justification', { date, admise: true, motifPrevisible: true });
    const recontact = await p.waitingFor('absence.motifPrevisible.recontact');
    expect(recontact.dernierJour).toBe(lastDayOfPeriod(date, { amount: 5, unit: 'joursOuvrables' }));
    expect(await p.expire(recontact, 'recontact.manque')).toMatchObject({ kind: 'elementDefavorable', basis: expect.stringContaining('art. 31 §2') });
    const reconvocation = await p.waitingFor('absence.reconvocation');
    expect(reconvocation.dernierJour).toBe(lastDayOfPeriod(date, { amount: 15, unit: 'joursOuvrables' }));
    expect(await p.expire(reconvocation, 'reconvocation.horsDelai')).toMatchObject({ kind: 'signalAlerte' });
  });

  it('second miss of an allowance beneficiary: transmission to the Service contrôle, no suspension (art. 30 §3 2°)', async () => {
    const p = await inscrit({ ...ADULTE, allocataire: true });
    await premiereAbsence(p);
    await secondeAbsence(p);
    expect(await p.dossierLine('transmission.serviceControle')).toMatchObject({ kind: 'transmission', basis: expect.stringContaining('art. 30 §3') });
    const mail = await mailFor(p, 'Transmission');
    expect(mail.to).toEqual([SERVICE_CONTROLE_EMAIL]);
    expect((await p.view()).statut).toBe('inscrit');
  });

  it('second miss: suspension of three months at most, the CPAS request stopped; then closure without re-registration (art. 32, 33)', async () => {
    const p = await inscrit();
    await premiereAbsence(p);
    const { issue } = await secondeAbsence(p);
    expect(await p.dossierLine('suspension')).toMatchObject({ kind: 'decision', date: issue, ruleId: 'absence.seconde', basis: expect.stringContaining('art. 32') });
    const view = await p.view();
    expect(view.statut).toBe('suspendu');
    const repriseLe = addMonths(issue, 7);
    const mail = await mailFor(p, 'Demande arrêtée');
    expect(mail.text).toContain(`Date de suspension : ${dateLongue(issue)}`);
    expect(mail.text).toContain(`Reprise possible à la demande du CPAS à partir du : ${dateLongue(repriseLe)}`);

    const suspension = await p.waitingFor('suspension.duree');
    expect(suspension.dernierJour).toBe(addMonths(issue, 3)); // a maximum duration: no roll-over to a working day (art. 32 al. 2)
    // The three months to re-register are a period to act: they run to a working day (art. 1.7),
    // so they may end a day or two after the suspension.
    const cloture = await p.waitingFor('cloture.nonInscription');
    expect(cloture.dernierJour).toBe(lastDayOfPeriod(issue, { amount: 3, unit: 'mois' }));
    expect(await p.expire(suspension, 'suspension.fin')).toMatchObject({ ruleId: 'suspension.duree' });
    await p.sleepTo(cloture, 60_000);
    expect(await p.dossierLine('cloture')).toMatchObject({ ruleId: 'cloture.nonInscription', basis: expect.stringContaining('art. 33') });
    expect((await p.view()).statut).toBe('cloture');
    // The parcours is closed, but the CPAS's seven-month wait is still kept.
    expect((await p.view()).echeances.map((e) => e.rule)).toEqual(['reprise.cpas.delai']);
  });

  it('the CPAS may ask for reprise seven months after the suspension: refused the day before with the date, e-mailed on the day', async () => {
    const p = await inscrit();
    await premiereAbsence(p);
    const { issue } = await secondeAbsence(p);
    await p.dossierLine('suspension');
    const reinscription = addDays(issue, 30);
    await p.sleepUntil(reinscription);
    await p.fact('inscription', { date: reinscription, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(reinscription, 1) });
    expect((await p.view()).statut).toBe('inscrit');

    const repriseLe = addMonths(issue, 7);
    await p.sleepUntil(addDays(repriseLe, -1));
    await p.fact('repriseDemandee', { date: addDays(repriseLe, -1), par: 'cpas' });
    expect((await p.line('repriseDemandee.refuse'))?.resume).toContain(`à partir du ${repriseLe}`);

    await p.sleepUntil(repriseLe);
    const mail = await mailFor(p, 'Reprise de l’accompagnement possible');
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.text).toContain(`Reprise possible depuis le : ${dateLongue(repriseLe)}`);
    expect(await p.dossierLine('email.reprise-possible')).toMatchObject({ kind: 'message', date: repriseLe });
    await p.fact('repriseDemandee', { date: repriseLe, par: 'cpas' });
    expect(await p.line('reprise.cpas')).toBeDefined();
  });

  it('de-registration: the parcours is closed after three months without re-registration and the workflow ends (art. 33 §1 2°)', async () => {
    const p = await inscrit();
    await p.fact('desinscription', { date: p.today });
    const e = await p.waitingFor('cloture.nonInscription');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    await p.expire(e, 'cloture');
    const result = await p.handle.result();
    expect(result.statut).toBe('cloture');
  });
});
