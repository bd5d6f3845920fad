/**
 * A CPAS request followed through the workflow with a real SMTP server (spec §9), and what an
 * SMTP outage does: it delays mail, never a decision.
 */
import { addDays, addMonths } from '../../domain/calendar';
import { dateLongue } from '../../activities/mail/format';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, demandeCpas } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('CPAS request', () => {
  const harness = useTimeSkippingHarness();
  const mailFor = (p: ParcoursDriver, subject: string) => harness().smtp.waitFor((m) => m.subject.includes(subject) && m.messageId.startsWith(`<${p.parcoursId}.`));

  it('is followed from filing to closure, with an e-mail to the CPAS at each step', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    const view = await p.fact('demande', demandeCpas(p.today));
    const reference = view.demandes?.[0]?.reference;
    expect(reference).toMatch(/^DEM-/);
    const rdv = addDays(p.today, 7);
    await p.fact('demandeTraitee', { date: p.today, reference: reference!, service: 'Atelier « projet professionnel »', dateRendezVous: rdv, lieu: 'Forem Liège, rue Natalis 2' });
    const traitee = await mailFor(p, 'réceptionnée et traitée');
    expect(traitee.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(traitee.text).toContain(`Date : ${dateLongue(rdv)}`);
    expect(traitee.text).toContain('Lieu : Forem Liège, rue Natalis 2');

    await p.sleepUntil(rdv);
    await p.fact('retourEntretien', { date: rdv, reference: reference!, faits: 'présente', besoins: 'garde d’enfants', perspectives: 'formation', conseiller: { nom: 'Paul Durand', email: 'paul.durand@forem.example' } });
    expect((await mailFor(p, 'Retour après le premier entretien')).text).toContain('Conseiller : Paul Durand — paul.durand@forem.example');
    await p.fact('demandeCloturee', { date: rdv, reference: reference!, resultat: 'entrée en formation' });
    expect((await mailFor(p, 'Demande clôturée')).text).toContain('Résultat : entrée en formation');
    await p.dossierLine('email.demande-cloturee');
    expect((await p.h.store.journal(p.parcoursId)).filter((l) => l.kind === 'message').map((l) => l.code)).toEqual(['email.demande-traitee', 'email.retour-entretien', 'email.demande-cloturee']);
  });

  it('for a person not registered is rejected, the CPAS told why, and the parcours ends', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('demande', demandeCpas(p.today));
    const mail = await mailFor(p, 'Demande rejetée');
    expect(mail.text).toContain('Motif : la personne n’est pas inscrite comme demandeuse d’emploi au Forem');
    expect(mail.text).toContain('0800 93 947');
    expect((await p.handle.result()).demandes[0].statut).toBe('rejetee');
  });

  it('SMTP down: the decision is taken on time, the e-mail arrives once SMTP is back, one dossier line per message', async () => {
    const h = harness();
    const p = await ParcoursDriver.start(h);
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await mailFor(p, 'Inscription enregistrée');
    await p.fact('affectation', { date: p.today, employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    const limit = await p.waitingFor('accompagnement.digital.duree');

    h.smtp.refuse(true);
    const refusedBefore = h.smtp.refused;
    try {
      const decision = await p.expire(limit, 'accompagnement.changement');
      expect(decision.date).toBe(addDays(limit.dernierJour, 1)); // taken at 00:00 the day after the last day, SMTP or not
      expect((await p.view()).accompagnement?.type).toBe('enLigneAvecConseiller');
      for (let i = 0; i < 100 && h.smtp.refused === refusedBefore; i++) await new Promise((r) => setTimeout(r, 100));
      expect(h.smtp.refused).toBeGreaterThan(refusedBefore); // the e-mail was tried, and refused
      expect(await p.line('email.changement-accompagnement')).toBeUndefined();
    } finally {
      h.smtp.refuse(false);
    }
    await h.env.sleep('30 minutes'); // the activity's retry back-off, skipped
    const mail = await mailFor(p, 'Changement du type d’accompagnement');
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    await p.dossierLine('email.changement-accompagnement');
    expect(h.smtp.received.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect((await p.h.store.journal(p.parcoursId)).filter((l) => l.code === 'email.changement-accompagnement')).toHaveLength(1);
  });
});
