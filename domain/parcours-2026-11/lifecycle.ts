/**
 * Absences, suspension, end of registration and closure (art. 30–33, seed 000): the steps that
 * several facts and deadlines share.
 */
import { addDays, addMonths, lastDayOfPeriod, onOrNextWorkingDay, toDayNumber, type CivilDate } from '../calendar';
import { periodOf, type RuleId } from '../rules';
import { arreterDemande, avertirCpas, cloreDemande } from './demande';
import type { ParcoursState } from './model';
import type { Step } from './step';

/** Deadlines of an accompaniment under way; a suspension or the end of registration stops them. */
export const SUIVI: RuleId[] = [
  'inscription.telephone.authentification',
  'inscription.enLigne.dateContact',
  'inscription.enLigne.objectivation',
  'affectation.delai',
  'accompagnement.digital.duree',
  'accompagnement.enLigne.moins30',
  'contact.mensuel',
  'contact.individuel.moins30',
  'contact.individuel.quatrePremiersMois',
  'proposition.delai',
  'signalAlerte.contact',
  'absence.justification',
  'absence.motifPrevisible.recontact',
  'absence.reconvocation',
];

/**
 * Seed 000: the CPAS may ask for reprise « à 7 mois à partir de la date de suspension » — from
 * the day with the same number seven months later (spec §8 Decision).
 */
export function repriseCpasPossibleLe(dateSuspension: CivilDate): CivilDate {
  return addMonths(dateSuspension, periodOf('reprise.cpas.delai').amount);
}

/** Art. 30 §2: the earliest date of the appointment a registered letter may fix. */
export function rendezVousAuPlusTot(dateEnvoi: CivilDate, mode: 'recommandePostal' | 'recommandeElectronique'): CivilDate {
  const rule = mode === 'recommandePostal' ? 'absence.recommande.postal' : 'absence.recommande.electronique';
  return addDays(dateEnvoi, periodOf(rule).amount);
}

function statutApresSuspension(s: ParcoursState): ParcoursState['statut'] {
  return s.inscription?.fin ? 'desinscrit' : 'inscrit';
}

/** An absence without admitted justification (art. 30 §2, §3). */
export function absenceNonJustifiee(step: Step, dateSollicitation: CivilDate, motif: string): void {
  const s = step.state;
  step.cancel('absence.justification', 'absence.motifPrevisible.recontact', 'absence.reconvocation');
  s.absencesNonJustifiees += 1;
  if (s.absencesNonJustifiees === 1) {
    s.absence = { dateSollicitation, etape: 'recommande' };
    step.decision('absence.recommande.postal', 'absence.nonJustifiee', `Absence du ${dateSollicitation} non justifiée (${motif}) : nouvelle sollicitation par recommandé, rendez-vous au plus tôt le 21e jour (postal) ou le 15e jour (électronique) après l’envoi`, { data: { dateSollicitation, absencesNonJustifiees: 1 } });
    avertirCpas(step, dateSollicitation);
    return;
  }
  s.absence = undefined;
  s.absencesNonJustifiees = 0;
  const p = s.personne!;
  if (p.stageInsertion || p.allocataire) {
    const public_ = p.stageInsertion ? 'jeune en stage d’insertion' : 'bénéficiaire d’allocations';
    step.write({ date: step.today, kind: 'transmission', code: 'transmission.serviceControle', resume: `Seconde absence non justifiée (${dateSollicitation}) : transmission au Service contrôle (${public_})`, legalBasis: step.basis('absence.seconde'), data: { dateSollicitation } });
    step.emailServiceControle('transmission-controle', step.today, { dateAbsence: dateSollicitation, public: public_, parcoursId: s.parcoursId }, 'absence.seconde');
  } else {
    suspendre(step, dateSollicitation, 'absences');
  }
  const repriseLe = repriseCpasPossibleLe(dateSollicitation);
  arreterDemande(step, dateSollicitation, repriseLe, addDays(repriseLe, -1));
}

/** Automatic suspension and end of registration (art. 30 §3 3°, art. 32). */
export function suspendre(step: Step, date: CivilDate, cause: 'absences' | 'nonCollaboration'): void {
  const s = step.state;
  interrompreSuivi(step, date);
  s.suspension = { depuis: date, cause };
  s.statut = 'suspendu';
  s.absence = undefined;
  const dureeRule: RuleId = s.regime === 'anterieur' ? 'suspension.duree.anterieure' : 'suspension.duree';
  const fin = step.schedule(dureeRule, date)?.dernierJour;
  step.decision(dureeRule, 'suspension', `Accompagnement suspendu le ${date} (seconde absence non justifiée)${fin ? `, jusqu’au ${fin} au plus tard` : ''} ; il est mis fin à l’inscription`, { data: { depuis: date, ...(fin ? { jusquA: fin } : {}) } });
  if (cause === 'absences' && s.inscription && !s.inscription.fin) finInscription(step, date, 'absence.seconde');
}

/** The registration ends; the parcours is closed after three months without re-registration (art. 33 §1 2°). */
export function finInscription(step: Step, date: CivilDate, rule: RuleId): void {
  const s = step.state;
  s.inscription!.fin = date;
  interrompreSuivi(step, date);
  if (s.statut !== 'suspendu') s.statut = 'desinscrit';
  const cloture = step.schedule('cloture.nonInscription', date);
  step.decision(rule, 'inscription.fin', `Fin de l’inscription le ${date}${cloture ? ` ; clôture du parcours sans réinscription au plus tard le ${cloture.dernierJour}` : ''}`, { data: { date } });
}

/** Stops the follow-up deadlines and keeps them for a re-registration (art. 32 al. 5, art. 33 §3). */
function interrompreSuivi(step: Step, date: CivilDate): void {
  const s = step.state;
  const interrompues = s.echeances
    .filter((e) => SUIVI.includes(e.rule) && e.dernierJour >= date) // one already run out was not interrupted
    .map(({ rule, depuis, dernierJour }) => ({ rule, depuis, dernierJour }));
  step.cancel(...SUIVI);
  // A suspension that ends the registration interrupts first; the end of registration adds nothing.
  if (s.interruption) s.interruption = { ...s.interruption, echeances: [...s.interruption.echeances, ...interrompues] };
  else s.interruption = { depuis: date, echeances: interrompues };
}

/**
 * At a re-registration within three months, the interrupted deadlines run again with the time they
 * had left: each last day moves by the days the person was not registered (art. 32 al. 5, art. 33
 * §3), and to the next working day when it falls on a Saturday, Sunday or holiday (Code civil
 * art. 1.7). A deadline that has already run out by then fires at once, like any back-dated fact.
 */
export function reprendreSuivi(step: Step, dateReinscription: CivilDate): Array<{ rule: RuleId; dernierJour: CivilDate }> {
  const s = step.state;
  const interruption = s.interruption;
  s.interruption = undefined;
  if (!interruption || !step.options.resumeDeadlinesOnReinscription) return [];
  const jours = Math.max(0, toDayNumber(dateReinscription) - toDayNumber(interruption.depuis));
  return interruption.echeances.map((e) => {
    const dernierJour = onOrNextWorkingDay(addDays(e.dernierJour, jours));
    step.scheduleOn(e.rule, e.depuis, dernierJour);
    return { rule: e.rule, dernierJour };
  });
}

export function finSuspension(step: Step, resume: string, rule: RuleId, eventId?: string): void {
  const s = step.state;
  step.cancel('suspension.duree', 'suspension.duree.anterieure');
  s.suspension = undefined;
  s.statut = statutApresSuspension(s);
  step.decision(rule, 'suspension.fin', resume, eventId ? { eventId } : {});
}

/** Closure of the parcours (art. 33, 35); only the CPAS's 7-month wait outlives it. */
export function cloturer(step: Step, resume: string, rule: RuleId, eventId?: string): void {
  const s = step.state;
  s.statut = 'cloture';
  s.suspension = undefined;
  s.absence = undefined;
  s.interruption = undefined;
  s.echeances = s.echeances.filter((e) => e.rule === 'reprise.cpas.delai');
  step.decision(rule, 'cloture', resume, eventId ? { eventId } : {});
  cloreDemande(step, `parcours clôturé — ${resume}`);
}

/** Last day on which a re-registration resumes the parcours (art. 33 §3). */
export function repriseParReinscriptionJusquAu(finInscription: CivilDate): CivilDate {
  return lastDayOfPeriod(finInscription, periodOf('reinscription.reprise'));
}
