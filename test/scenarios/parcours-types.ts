/**
 * Representative parcours, driven through the real workflow on the time-skipping server. Used to
 * measure history size and to record the histories that CI replays (test/histories/).
 */
import { addDays, addMonths } from '../../domain/calendar';
import type { Personne } from '../../domain/parcours';
import { CPAS_LIEGE, CPAS_NAMUR, CPAS_NAMUR_EMAIL, demandeCpas } from '../helpers/fixtures';
import type { ParcoursDriver } from '../helpers/parcours';

export const adulte: Personne = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };

/**
 * A year: monthly contacts, an absence left unjustified, the registered letter, an absence at its
 * appointment (art. 30 §3): suspension and end of registration, then a re-registration.
 */
export async function uneAnnee(p: ParcoursDriver): Promise<void> {
  const t0 = p.today;
  await p.fact('inscription', { date: t0, canal: 'presentiel', personne: adulte, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(t0, 1) });
  await p.fact('demande', demandeCpas(t0));
  await p.fact('affectation', { date: t0, employabilite: 'moyenne' });
  for (let month = 1; month <= 12; month++) {
    const date = addMonths(t0, month);
    await p.sleepUntil(date);
    expect((await p.view()).statut).not.toBe('cloture');
    if (month === 3) {
      // An absence left without justification: a registered letter follows (art. 30 §2).
      await p.fact('absence', { date });
      await p.sleepTo(await p.waitingFor('absence.justification'), 60_000);
      await p.dossierLine('absence.nonJustifiee');
      const envoi = await p.now();
      await p.fact('reconvocation', { date: envoi, mode: 'recommandePostal', dateRendezVous: addDays(envoi, 21) });
      await p.sleepUntil(addDays(envoi, 21));
      await p.fact('absence', { date: addDays(envoi, 21) });
      await p.sleepTo(await p.waitingFor('absence.justification'), 60_000);
      await p.dossierLine('suspension');
      continue;
    }
    if (month === 4) {
      // The suspension began after this month's date: the CE re-registers the day it is recorded.
      const retour = await p.now();
      await p.fact('inscription', { date: retour, canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(retour, 1), canalPreferentiel: 'courrier' });
      continue;
    }
    if (month === 2) await p.fact('proposition', { date, nature: 'formation' });
    await p.fact('contactMensuel', { date, individuel: true, prochaineDate: addMonths(t0, month + 1) });
  }
}

/** Digital interactif reassigned at four months, the CPAS told. */
export async function digitalQuatreMois(p: ParcoursDriver): Promise<void> {
  await p.fact('inscription', { date: p.today, canal: 'enLigne', personne: adulte, cpas: CPAS_LIEGE });
  await p.fact('fixationContact', { date: p.today, dateContactMensuel: addMonths(p.today, 1) });
  await p.fact('objectivation', { date: p.today });
  await p.fact('affectation', { date: p.today, employabilite: 'elevee' });
  await p.fact('proposition', { date: p.today, nature: 'emploi' });
  await p.sleepTo(await p.waitingFor('accompagnement.digital.duree'), 60_000);
  await p.dossierLine('accompagnement.changement');
}

/** De-registration, closure three months later, workflow completed. */
export async function desinscriptionCloture(p: ParcoursDriver): Promise<void> {
  await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(p.today, 1) });
  await p.fact('desinscription', { date: p.today });
  await p.sleepTo(await p.waitingFor('cloture.nonInscription'), 60_000);
  // The run stays open three months for late facts (spec §11), then completes. Slept through rather
  // than awaited with result(): that lets the shared test server's clock run free, and it would
  // jump to the far timers of the other scenarios' parcours (the pension age, decades ahead).
  const cloture = (await p.view()).historique.find((e) => e.code === 'cloture');
  await p.sleepUntil(addDays(addMonths(cloture!.date, 3), 2));
  await p.completed();
}

/**
 * Digital interactif, de-registered after 30 days, re-registered 20 days later: the digital limit
 * resumes 20 days later (art. 33 §3). `reinscriptionDigital-2026-11-22.json` is a parcours of
 * that kind recorded before that rule, kept so that CI proves the patch keeps old histories replaying.
 */
export async function reinscriptionDigital(p: ParcoursDriver): Promise<void> {
  const t0 = p.today;
  await p.fact('inscription', { date: t0, canal: 'presentiel', personne: adulte, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(t0, 1) });
  await p.fact('affectation', { date: t0, employabilite: 'elevee', accompagnement: 'digitalInteractif' });
  const fin = addDays(t0, 30);
  await p.sleepUntil(fin);
  await p.fact('desinscription', { date: fin });
  const retour = addDays(fin, 20);
  await p.sleepUntil(retour);
  await p.fact('inscription', { date: retour, canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(retour, 1) });
  await p.sleepTo(await p.waitingFor('accompagnement.digital.duree'), 60_000);
  await p.dossierLine('accompagnement.changement');
  const apres = await p.now();
  await p.fact('proposition', { date: apres, nature: 'formation' });
}

/**
 * Followed by the CPAS de Liège, referred by the CPAS de Namur: the request leaves the follower
 * as it is, so the change of accompaniment at four months is e-mailed to Liège (the follower) and
 * the request's steps to Namur (the requester). `demandeAutreCpas-2026-11-23.json` was recorded
 * before that rule, when an accepted request made its CPAS the follower.
 */
export async function demandeAutreCpas(p: ParcoursDriver): Promise<void> {
  const t0 = p.today;
  await p.fact('inscription', { date: t0, canal: 'presentiel', personne: adulte, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(t0, 1) });
  await p.fact('affectation', { date: t0, employabilite: 'elevee', accompagnement: 'digitalInteractif' });
  await p.fact('demande', demandeCpas(t0, { cpas: CPAS_NAMUR }));
  const reference = (await p.view()).demandes[0].reference;
  await p.fact('demandeTraitee', { date: t0, reference, service: 'Atelier CV', dateRendezVous: addDays(t0, 7), lieu: 'Namur' });
  await p.sleepTo(await p.waitingFor('accompagnement.digital.duree'), 60_000);
  await p.dossierLine('accompagnement.changement');
  await p.fact('proposition', { date: await p.now(), nature: 'formation' });
}

/**
 * Followed by the CPAS de Liège, de-registered; the CPAS de Namur's request is rejected meanwhile
 * (the person is not registered); at the re-registration Namur is told, naming its request and the
 * person (issue 15, patch `emails-cpas-nominatifs`: an e-mail the histories before it never sent).
 */
export async function orienteeReinscrite(p: ParcoursDriver): Promise<void> {
  const t0 = p.today;
  await p.fact('inscription', { date: t0, canal: 'presentiel', personne: adulte, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(t0, 1) });
  await p.fact('desinscription', { date: t0 });
  await p.fact('demande', demandeCpas(t0, { cpas: CPAS_NAMUR }));
  const retour = addDays(t0, 10);
  await p.sleepUntil(retour);
  await p.fact('inscription', { date: retour, canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(retour, 1) });
  await p.h.smtp.waitFor((m) => m.messageId.startsWith(`<${p.parcoursId}.`) && m.to.includes(CPAS_NAMUR_EMAIL) && m.subject.includes('Inscription enregistrée'));
}

export const SCENARIOS = { uneAnnee, digitalQuatreMois, desinscriptionCloture, reinscriptionDigital, demandeAutreCpas, orienteeReinscrite } as const;
