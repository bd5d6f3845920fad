/**
 * The outcome of art. 30 §3, suspension, end of registration and closure (art. 30–36, seed 000):
 * the steps that several facts and deadlines share.
 */
import { addDays, ageOn, daysInMonth, formatCivilDate, lastDayOfPeriod, onOrNextWorkingDay, parseCivilDate, toDayNumber, type CivilDate } from '../calendar';
import { ageThresholdOf, periodOf, PENSION_67_A_PARTIR_DU, type RuleId } from '../rules';
import { arreterDemande, cloreDemande } from './demande';
import type { CauseCloture, Personne, ParcoursState, Suspension } from './model';
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
  'manquement.regularisation',
];

/** Art. 30 §2: the earliest date of the appointment a registered letter may fix. */
export function rendezVousAuPlusTot(dateEnvoi: CivilDate, mode: 'recommandePostal' | 'recommandeElectronique'): CivilDate {
  const rule = mode === 'recommandePostal' ? 'absence.recommande.postal' : 'absence.recommande.electronique';
  return addDays(dateEnvoi, periodOf(rule).amount);
}

/**
 * Art. 30 §3: the CE was absent at the registered letter's appointment (`rendezVous`) without
 * admitted justification; the outcome takes effect on `le`, the day the absence became
 * unjustified (spec §7.5), never on the missed date.
 */
export function issueArticle30(step: Step, le: CivilDate, rendezVous: CivilDate, dateSollicitation: CivilDate): void {
  const s = step.state;
  const p = s.personne!;
  if (p.stageInsertion || p.allocataire) {
    const public_ = p.stageInsertion ? 'jeune en stage d’insertion' : 'bénéficiaire d’allocations';
    step.write({
      date: le,
      kind: 'transmission',
      code: 'transmission.serviceControle',
      resume: `Absence non justifiée au rendez-vous du ${rendezVous} fixé par recommandé : transmission au Service contrôle (${public_})${p.allocataire ? ' ; l’inscription ne prend fin que sur sa décision d’exclusion définitive' : ''}`,
      legalBasis: step.basis(p.allocataire ? 'absence.allocataires.decisionControle' : 'absence.seconde'),
      data: { dateSollicitation, rendezVous, nonJustifieeLe: le },
    });
    step.emailServiceControle('transmission-controle', le, { dateAbsence: rendezVous, public: public_, parcoursId: s.parcoursId }, 'absence.seconde');
    s.decisionControleAttendue = { depuis: le, motif: `absence au rendez-vous du ${rendezVous} fixé par recommandé` };
    // No suspension for them (art. 32 al. 3): the request stops without a suspension date to wait from.
    arreterDemande(step, le, false);
    return;
  }
  suspendre(step, le, 'absences', `absence non justifiée au rendez-vous du ${rendezVous} fixé par recommandé`);
  // The end of registration of art. 30 §3 3° has effect from 1 October 2025 only (AGW 09/10/2025, art. 3 §1, 5).
  if (s.regime !== 'anterieur') finInscription(step, le, 'absence.seconde', { informer: true });
  arreterDemande(step, le, true);
}

const SUSPENSION_RULE: Record<Suspension['cause'], RuleId> = { absences: 'absence.seconde', nonCollaboration: 'suspension.nonCollaboration' };

/** Automatic suspension of the accompaniment for three months at most (art. 32 al. 1 1°–2°, al. 2). */
export function suspendre(step: Step, date: CivilDate, cause: Suspension['cause'], pourquoi: string, eventId?: string): void {
  const s = step.state;
  interrompreSuivi(step, date);
  s.suspension = { depuis: date, cause };
  s.statut = 'suspendu';
  // A parcours still under its former rules (AGW 09/10/2025 art. 3 §1) keeps their seven months
  // after unjustified absences, « hormis pour les jeunes » (seed 000); any other suspension is three months.
  const jeune = !!s.personne && ageOn(s.personne.dateNaissance, date) < ageThresholdOf('reprise.cpas.jeunes');
  const rule: RuleId = s.regime === 'anterieur' && cause === 'absences' && !jeune ? 'suspension.duree.anterieure' : 'suspension.duree';
  // A maximum duration of a sanction: it ends on the day of the same number, no roll-over (art. 32 al. 2).
  const fin = step.scheduleOn(rule, date, lastDayOfPeriod(date, { ...periodOf(rule), sansReport: true })).dernierJour;
  step.decision(SUSPENSION_RULE[cause], 'suspension', `Accompagnement suspendu le ${date} (${pourquoi}), jusqu’au ${fin} au plus tard`, {
    date,
    ...(eventId ? { eventId } : {}),
    data: { depuis: date, cause, jusquA: fin },
  });
}

/**
 * The registration ends on `date`; a re-registration within three months resumes the parcours
 * (art. 33 §3), after which the accompaniment is closed (art. 33 §1 2°). When the Forem ends it,
 * the CE is told that to go on they must re-register (art. 30 §5).
 */
export function finInscription(step: Step, date: CivilDate, rule: RuleId, options: { informer?: boolean; eventId?: string } = {}): void {
  const s = step.state;
  s.inscription!.fin = date;
  interrompreSuivi(step, date);
  step.cancel('inscription.fin.pension');
  if (s.statut === 'inscrit') s.statut = 'desinscrit';
  const delai = step.schedule('cloture.nonInscription', date);
  const suite = s.statut === 'cloture' ? 'réinscription possible' : 'clôture du parcours sans réinscription';
  step.decision(rule, 'inscription.fin', `Fin de l’inscription le ${date}${delai ? ` ; ${suite} jusqu’au ${delai.dernierJour}` : ''}`, {
    date,
    ...(options.eventId ? { eventId: options.eventId } : {}),
    data: { date },
  });
  if (options.informer) {
    step.decision('inscription.fin.information', 'inscription.fin.information', 'Le chercheur d’emploi est informé que, s’il souhaite poursuivre sa recherche d’emploi, il lui appartient de se réinscrire auprès du Forem', { date });
  }
}

/** Stops the follow-up deadlines and keeps them for a re-registration (art. 32 al. 5, art. 33 §3). */
function interrompreSuivi(step: Step, date: CivilDate): void {
  const s = step.state;
  const interrompues = s.echeances
    .filter((e) => SUIVI.includes(e.rule) && e.dernierJour >= date) // one already run out was not interrupted
    .map(({ rule, cle, depuis, dernierJour }) => ({ rule, ...(cle !== undefined ? { cle } : {}), depuis, dernierJour }));
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
  if (!interruption) return [];
  const jours = Math.max(0, toDayNumber(dateReinscription) - toDayNumber(interruption.depuis));
  return interruption.echeances.map((e) => {
    const dernierJour = onOrNextWorkingDay(addDays(e.dernierJour, jours));
    step.scheduleOn(e.rule, e.depuis, dernierJour, e.cle);
    return { rule: e.rule, dernierJour };
  });
}

export function finSuspension(step: Step, resume: string, rule: RuleId, eventId?: string, le: CivilDate = step.today): void {
  const s = step.state;
  step.cancel('suspension.duree', 'suspension.duree.anterieure');
  s.suspension = undefined;
  s.statut = s.inscription?.fin ? 'desinscrit' : 'inscrit';
  step.decision(rule, 'suspension.fin', resume, eventId ? { eventId } : {});
  // The accompaniment resumes (art. 25 §1: a monthly contact « directement à partir de l'inscription »):
  // the deadlines the suspension stopped run again with the time they had left. Still de-registered,
  // they wait for the re-registration (art. 33 §3).
  if (!s.inscription?.fin) reprendreSuivi(step, le);
}

/** Closures that end the registration if it still runs, so that a re-registration within three months resumes the parcours (art. 33 §2–3). */
const FIN_INSCRIPTION: CauseCloture[] = ['nonInoccupe', 'refus', 'comportement', 'nonCollaboration'];

/** For allowance beneficiaries, these end the registration only on the Service contrôle's exclusion (art. 35 al. 2: art. 35 1°–3°). */
const SUR_DECISION_CONTROLE: CauseCloture[] = ['refus', 'comportement', 'nonCollaboration'];

/**
 * Closure of the accompaniment on `date` (art. 33 §1, 35). Causes 1° and 3°–5° end the
 * registration if it still runs (§2) and leave three months to re-register (§3); non-registration
 * (2°), death and the pension close the parcours for good.
 */
export function cloturer(step: Step, date: CivilDate, cause: CauseCloture, resume: string, rule: RuleId, eventId?: string): void {
  const s = step.state;
  const enCours = !!s.inscription && !s.inscription.fin && s.statut !== 'nonInscrit';
  s.statut = 'cloture';
  s.cloture = { date, cause };
  s.suspension = undefined;
  s.absences = [];
  s.emploiDepuis = undefined;
  step.cancel('suspension.duree', 'suspension.duree.anterieure', 'cloture.nonInoccupe');
  step.decision(rule, 'cloture', resume, { date, ...(eventId ? { eventId } : {}), data: { cause } });
  cloreDemande(step, `parcours clôturé — ${resume}`);
  if (!FIN_INSCRIPTION.includes(cause)) {
    s.interruption = undefined;
    s.decisionControleAttendue = undefined;
    // Only the CPAS's 7-month wait outlives a closure for good (seed 000), not a death.
    s.echeances = cause === 'deces' ? [] : s.echeances.filter((e) => e.rule === 'reprise.cpas.delai');
    if (s.inscription && !s.inscription.fin) s.inscription.fin = date;
    return;
  }
  if (!enCours) return; // already not registered: the three months already run (art. 33 §2 « si … toujours inscrit »)
  if (s.personne?.allocataire && SUR_DECISION_CONTROLE.includes(cause)) {
    interrompreSuivi(step, date);
    s.decisionControleAttendue = { depuis: date, motif: `clôture (${cause})` };
    step.decision('inscription.fin.allocataires', 'inscription.finSurDecisionControle', 'Bénéficiaire d’allocations : l’inscription ne prend fin que sur une décision d’exclusion définitive du Service contrôle', { date });
    return;
  }
  finInscription(step, date, rule, { informer: true });
}

/** Last day on which a re-registration resumes the parcours (art. 33 §3). */
export function repriseParReinscriptionJusquAu(finInscription: CivilDate): CivilDate {
  return lastDayOfPeriod(finInscription, periodOf('reinscription.reprise'));
}

/**
 * The day the CE reaches the legal pension age (art. 35 5°; loi du 10 août 2015): 66, or 67 for
 * someone who turns 66 on or after 1 February 2030. The birthday as `ageOn` counts it (someone born
 * on 29 February has it on 1 March in common years).
 */
export function agePension(p: Personne): CivilDate {
  const { year, month, day } = parseCivilDate(p.dateNaissance);
  const anniversaire = (age: number): CivilDate => {
    const y = year + age;
    const last = daysInMonth(y, month);
    return day <= last ? formatCivilDate({ year: y, month, day }) : addDays(formatCivilDate({ year: y, month, day: last }), 1);
  };
  const a66 = anniversaire(ageThresholdOf('inscription.fin.pension'));
  return a66 < PENSION_67_A_PARTIR_DU ? a66 : anniversaire(ageThresholdOf('inscription.fin.pension.2030'));
}

/** The CE reaches the legal pension age: the registration ends at 00:00 that day, unless it is kept (art. 35 5°). */
export function planifierPension(step: Step, depuis: CivilDate): void {
  const s = step.state;
  if (!s.personne) return;
  step.scheduleOn('inscription.fin.pension', depuis, addDays(agePension(s.personne), -1));
}

/** Whether `s`'s registration has ended but may still be resumed by a re-registration (art. 33 §3). */
export function reinscriptionPossible(s: ParcoursState): boolean {
  return !!s.inscription?.fin && s.echeances.some((e) => e.rule === 'cloture.nonInscription');
}
