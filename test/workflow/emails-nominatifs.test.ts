/**
 * E-mails a CPAS can act on (issue 15, patch `emails-cpas-nominatifs`), through the workflow on the
 * time-skipping server with a real SMTP server: the registration is told to the CPAS that referred
 * the person — within a run, and in a new run of the person's workflow as the API starts it — naming
 * its request and the person as it named them, with the link to the request's page; no other CPAS
 * hears of it; a new parcours records the patch.
 */
import { addMonths } from '../../domain/calendar';
import { demandesEnAttenteDansLeDossier } from '../../domain/parcours/nommer';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, CPAS_NAMUR, CPAS_NAMUR_EMAIL, demandeCpas } from '../helpers/fixtures';
import { PUBLIC_URL, useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver, patchesIn } from '../helpers/parcours';
import { PATCHES } from '../../workflows/definitions';

describe('e-mails that can be acted on', () => {
  const harness = useTimeSkippingHarness();
  const mailsOf = (p: ParcoursDriver) => harness().smtp.received.filter((m) => m.messageId.startsWith(`<${p.parcoursId}.`));
  const mailTo = (p: ParcoursDriver, to: string, subject: string) => harness().smtp.waitFor((m) => m.messageId.startsWith(`<${p.parcoursId}.`) && m.to.includes(to) && m.subject.includes(subject));

  it('a request rejected while the registration had ended: at the re-registration its CPAS is told who, which request, and where to see it', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(p.today, 1) });
    await mailTo(p, CPAS_LIEGE_EMAIL, 'Inscription enregistrée');
    await p.fact('desinscription', { date: p.today });
    const view = await p.fact('demande', demandeCpas(p.today, { cpas: CPAS_NAMUR }));
    const reference = view.demandes[0].reference;
    const rejet = await mailTo(p, CPAS_NAMUR_EMAIL, 'Demande rejetée');
    expect(rejet.text).toContain(`${PUBLIC_URL}/portail/demandes/${reference}`);

    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    const mail = await mailTo(p, CPAS_NAMUR_EMAIL, 'Inscription enregistrée');
    expect(mail.subject).toContain(`demande ${reference}`);
    expect(mail.text).toContain('La personne que votre CPAS a orientée vers le Forem est à présent inscrite');
    expect(mail.text).toContain('Personne : Marie Dupont');
    expect(mail.text).toContain(`Référence de la demande : ${reference}`);
    expect(mail.text).toContain(`Voir la demande sur le portail des CPAS : ${PUBLIC_URL}/portail/demandes/${reference}`);
    await p.dossierLine('email.inscription-enregistree');
    // Liège, the follower, is not told of a re-registration; it never hears of Namur's request.
    const registrations = mailsOf(p).filter((m) => m.subject.includes('Inscription enregistrée'));
    expect(registrations.map((m) => m.to)).toEqual([[CPAS_LIEGE_EMAIL], [CPAS_NAMUR_EMAIL]]);
    expect(mailsOf(p).filter((m) => m.to.includes(CPAS_LIEGE_EMAIL)).some((m) => m.text.includes(reference) || m.text.includes('Dupont'))).toBe(false);
    expect(patchesIn(await p.handle.fetchHistory())).toContain(PATCHES.emailsCpasNominatifs);
  });

  it('a request rejected before any registration: the run ends; the new run the registration starts tells that CPAS, and the follower without its words', async () => {
    const h = harness();
    const first = await ParcoursDriver.start(h);
    const view = await first.fact('demande', demandeCpas(first.today, { cpas: CPAS_NAMUR }));
    const reference = view.demandes[0].reference;
    await mailTo(first, CPAS_NAMUR_EMAIL, 'Demande rejetée');
    await first.dossierLine('email.demande-rejetee');
    await first.handle.result();

    // As the API starts a new run of the person's workflow (api/operations.ts): numbering and waiting requests from the dossier.
    const journal = await h.store.journal(first.parcoursId);
    const second = await ParcoursDriver.start(h, { parcoursId: first.parcoursId, journalSeq: await h.store.dernierNumero(first.parcoursId), demandesEnAttente: demandesEnAttenteDansLeDossier(journal) });
    await second.fact('inscription', { date: second.today, canal: 'presentiel', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(second.today, 1) });
    const namur = await mailTo(second, CPAS_NAMUR_EMAIL, 'Inscription enregistrée');
    expect(namur.text).toContain('Personne : Marie Dupont');
    expect(namur.text).toContain(`${PUBLIC_URL}/portail/demandes/${reference}`);
    const liege = await mailTo(second, CPAS_LIEGE_EMAIL, 'Inscription enregistrée');
    expect(liege.text).toContain('La personne que vous suivez est inscrite');
    expect(liege.text).not.toContain('Dupont');
    expect(liege.text).not.toContain(reference);
    expect(liege.messageId).not.toBe(namur.messageId);
  });
});
