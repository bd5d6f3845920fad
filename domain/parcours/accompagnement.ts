/**
 * Types of accompaniment (art. 16–23): the matrix of art. 16 §2, the age limits of art. 20 §2
 * and 21 §2, and (re)assignment with its dossier entry and CPAS e-mail.
 */
import { addDays, ageOn, lastDayOfPeriod, type CivilDate } from '../calendar';
import { ageThresholdOf, periodOf, type RuleId } from '../rules';
import type { Employabilite, ParcoursState, Personne, TypeAccompagnement } from './model';
import type { Step } from './step';

export const TYPES_ACCOMPAGNEMENT: Record<TypeAccompagnement, string> = {
  digitalInteractif: 'digital interactif',
  enLigneAvecConseiller: 'en ligne avec un conseiller',
  axeMetier: 'axé métier',
  multidimensionnel: 'multidimensionnel',
};

/** Art. 20 §2: not digital for under-25s without professional experience. */
export function digitalPermis(p: Personne, on: CivilDate): boolean {
  return p.experienceProfessionnelle || ageOn(p.dateNaissance, on) >= ageThresholdOf('affectation.jeunes.pasDigital');
}

export function moinsDe30(state: ParcoursState, on: CivilDate): boolean {
  return !!state.personne && ageOn(state.personne.dateNaissance, on) < ageThresholdOf('accompagnement.enLigne.moins30.age');
}

/** Art. 16 §2: the types the matrix allows, the default first. */
export function typesPermis(employabilite: Employabilite, p: Personne, on: CivilDate): TypeAccompagnement[] {
  if (employabilite === 'faible' || employabilite === 'tresFaible') return ['multidimensionnel'];
  if (employabilite === 'moyenne' || !p.autonomieNumerique) return ['axeMetier'];
  return digitalPermis(p, on) ? ['digitalInteractif', 'enLigneAvecConseiller'] : ['enLigneAvecConseiller'];
}

/** Deadlines that belong to a type of accompaniment. */
const LIMITES: RuleId[] = ['accompagnement.digital.duree', 'accompagnement.enLigne.moins30'];

/** Assigns `type`, opens its time limit (art. 20 §1, 21 §2), and tells the CPAS of a change (art. 17 §2). */
export function assign(step: Step, type: TypeAccompagnement, date: CivilDate, why: string, rule: RuleId, eventId?: string): void {
  const s = step.state;
  const before = s.accompagnement?.type;
  s.accompagnement = { type, depuis: date };
  step.cancel(...LIMITES);
  const debut = s.inscription!.date;
  if (type === 'digitalInteractif') step.schedule('accompagnement.digital.duree', debut);
  if (type === 'enLigneAvecConseiller' && moinsDe30(s, debut)) step.schedule('accompagnement.enLigne.moins30', debut);
  contactIndividuelMensuel(step, date);
  step.write({
    date,
    kind: 'decision',
    code: before ? 'accompagnement.changement' : 'affectation',
    resume: `${why} : accompagnement ${TYPES_ACCOMPAGNEMENT[type]}`,
    legalBasis: step.basis(rule),
    ...(eventId ? { eventId } : {}),
    data: { accompagnement: type, ...(before ? { precedent: before } : {}) },
  });
  if (before && before !== type) {
    step.emailCpas('changement-accompagnement', date, { ancien: TYPES_ACCOMPAGNEMENT[before], nouveau: TYPES_ACCOMPAGNEMENT[type], motif: why }, rule);
  }
}

/** At the end of digital interactif (art. 20 §1 al. 2): online with an adviser, or in person where remote does not suit. */
export function apresDigital(state: ParcoursState): TypeAccompagnement {
  // Online is itself limited to three months from registration for under-30s (art. 21 §2), already past.
  return state.personne!.autonomieNumerique && !moinsDe30(state, state.inscription!.date) ? 'enLigneAvecConseiller' : 'axeMetier';
}

const MOIS_INDIVIDUELS: RuleId = 'contact.individuel.quatrePremiersMois';

/**
 * Art. 25 §5: outside digital interactif, at least one contact a month is individual with an
 * adviser during the first four months. Month k ends on the last day of a k-month period from
 * registration (art. 1.7); the registration day itself counts in the first month. The deadline
 * of month k counts from the end of month k − 1 (from registration for the first).
 *
 * Opens the deadline of the first month ending on or after `from` without an individual contact;
 * none once the four months are over, in digital interactif, or before an assignment.
 */
export function contactIndividuelMensuel(step: Step, from: CivilDate): void {
  const s = step.state;
  step.cancel(MOIS_INDIVIDUELS);
  if (!s.inscription || !s.accompagnement) return;
  if (s.accompagnement.type === 'digitalInteractif' || !step.applies(MOIS_INDIVIDUELS)) return;
  const inscription = s.inscription.date;
  const dernier = s.dernierContactIndividuel;
  let depuis = inscription;
  for (let mois = 1; mois <= periodOf(MOIS_INDIVIDUELS).amount; mois++) {
    const fin = lastDayOfPeriod(inscription, { amount: mois, unit: 'mois' });
    const fait = dernier !== undefined && dans(dernier, depuis, fin, inscription);
    if (fin >= from && !fait) {
      step.scheduleOn(MOIS_INDIVIDUELS, depuis, fin);
      return;
    }
    depuis = fin;
  }
}

/** An individual contact on `date`: when it falls in the month awaited, the next month is awaited. */
export function contactIndividuelDuMois(step: Step, date: CivilDate): void {
  const s = step.state;
  const attendu = s.echeances.find((e) => e.rule === MOIS_INDIVIDUELS);
  if (attendu && s.inscription && dans(date, attendu.depuis, attendu.dernierJour, s.inscription.date)) contactIndividuelMensuel(step, addDays(attendu.dernierJour, 1));
}

/** Whether `date` falls in the month from `depuis` (excluded, except the registration day) to `fin`. */
function dans(date: CivilDate, depuis: CivilDate, fin: CivilDate, inscription: CivilDate): boolean {
  return (date > depuis || (date === depuis && depuis === inscription)) && date <= fin;
}
