/**
 * The rule book: every time limit and threshold Parcours applies, as named data with its legal
 * source. Decisions written to the dossier carry the rule id and its basis, so an auditor can
 * read *why*. `docs/rules.md` is generated from this file (`npm run rules:doc`); a test fails
 * when the two differ.
 *
 * Article numbers without a text are those of the arrêté rewritten by the AGW of 9 October 2025
 * (seed `004_…`); "AGW 09/10/2025, art. 3 (transitoire)" is that AGW's own transitional article.
 */
import { lastDayOfPeriod, type CivilDate, type Period } from './calendar';

export type RegimeId = 'aocs-2025' | 'anterieur';

export interface Regime {
  id: RegimeId;
  label: string;
  /** First day the regime applies (to new parcours; see `regime.transition`). */
  from: CivilDate;
  basis: string;
}

export const REGIMES: readonly Regime[] = [
  {
    id: 'anterieur',
    label: 'Régime antérieur (convention Forem–CPAS 2024)',
    from: '1900-01-01',
    basis: 'Dispositif de coopération Forem–CPAS 2024 (seed 000)',
  },
  {
    id: 'aocs-2025',
    label: 'Accompagnement orienté coaching et solutions (AGW 09/10/2025)',
    from: '2025-10-01',
    basis: 'AGW 09/10/2025, art. 5 (effets au 1er octobre 2025)',
  },
];

export interface Rule {
  id: string;
  /** What the rule says, in French, as the dossier shows it. */
  label: string;
  /** A period (deadline) or a threshold (years of age) or none (a qualitative rule). */
  value?: Period | { ageYears: number };
  /** Legal source: text, article, paragraph. */
  basis: string;
  regimes: readonly RegimeId[];
}

const BOTH: readonly RegimeId[] = ['aocs-2025', 'anterieur'];
const NEW: readonly RegimeId[] = ['aocs-2025'];
const OLD: readonly RegimeId[] = ['anterieur'];

const AGW = 'AGW 09/10/2025';
const CONVENTION = 'Convention de coopération Forem–CPAS (modèle 2024)';
const DISPOSITIF = 'Dispositif de coopération Forem–CPAS, accompagnement conjoint (2024)';

const days = (amount: number): Period => ({ amount, unit: 'jours' });
const workingDays = (amount: number): Period => ({ amount, unit: 'joursOuvrables' });
const months = (amount: number): Period => ({ amount, unit: 'mois' });

export const RULES = {
  // §11 — computing deadlines
  'delais.calcul': {
    label: 'Les délais sont calculés conformément au Code civil (jour de l’acte non compté, report au jour ouvrable suivant)',
    basis: `${AGW}, art. 4 ; Code civil, livre 1er, art. 1.7`,
    regimes: BOTH,
  },
  'delais.deuxJoursOuvrables': {
    label: 'Un délai de deux jours ou plus comprend au moins deux jours ouvrables (Decision du produit)',
    value: { amount: 2, unit: 'joursOuvrables' },
    basis: 'Décision du produit (issue 3), sur le modèle du Règlement (CEE, Euratom) n° 1182/71, art. 3 §5 ; AGW 09/10/2025, art. 4',
    regimes: BOTH,
  },
  'regime.transition': {
    label: 'Un parcours en cours garde ses modalités jusqu’au premier contact mensuel, six mois au plus après l’entrée en vigueur',
    value: months(6),
    basis: `${AGW}, art. 3 §1er (disposition transitoire)`,
    regimes: BOTH,
  },

  // §4 — inscription
  'inscription.telephone.authentification': {
    label: 'Inscription par téléphone : identité authentifiée dans les 7 jours, sinon l’inscription n’est pas finalisée',
    value: days(7),
    basis: `${AGW}, art. 5 §2, al. 4`,
    regimes: NEW,
  },
  'inscription.etranger.presentiel': {
    label: 'Les personnes de nationalité étrangère s’inscrivent en présentiel',
    basis: `${DISPOSITIF} (seed 000), « Préalable : l’inscription »`,
    regimes: BOTH,
  },
  'inscription.dateContact.fixee': {
    label: 'Inscription par téléphone ou en présentiel : la date du premier contact mensuel est fixée à l’inscription',
    basis: `${AGW}, art. 5 §3, al. 1er`,
    regimes: NEW,
  },
  'inscription.enLigne.dateContact': {
    label: 'Inscription en ligne : date du contact mensuel fixée dans les 15 jours, sinon élément défavorable au dossier',
    value: days(15),
    basis: `${AGW}, art. 5 §3, al. 2 et 3`,
    regimes: NEW,
  },
  'inscription.enLigne.objectivation': {
    label: 'Inscription en ligne : profil objectivé dans les 15 jours',
    value: days(15),
    basis: `${AGW}, art. 6 §1er`,
    regimes: NEW,
  },

  // §5 — affectation
  'affectation.delai': {
    label: 'Affectation à un type d’accompagnement au plus tard dans le mois de l’inscription',
    value: months(1),
    basis: `${AGW}, art. 16 §1er`,
    regimes: NEW,
  },
  'affectation.matrice': {
    label: 'Type d’accompagnement selon l’employabilité et l’autonomie numérique',
    basis: `${AGW}, art. 16 §2, art. 19 à 23`,
    regimes: NEW,
  },
  'affectation.jeunes.pasDigital': {
    label: 'Pas d’accompagnement digital pour les moins de 25 ans sans expérience professionnelle (jobs étudiants exclus)',
    value: { ageYears: 25 },
    basis: `${AGW}, art. 20 §2`,
    regimes: NEW,
  },
  'accompagnement.digital.duree': {
    label: 'Accompagnement digital interactif : quatre mois au plus à dater de l’inscription, puis réaffectation',
    value: months(4),
    basis: `${AGW}, art. 20 §1er`,
    regimes: NEW,
  },
  'accompagnement.enLigne.moins30': {
    label: 'Accompagnement en ligne avec conseiller : trois mois au plus à dater de l’inscription pour les moins de 30 ans',
    value: months(3),
    basis: `${AGW}, art. 21 §2`,
    regimes: NEW,
  },
  'accompagnement.enLigne.moins30.age': {
    label: 'Âge en dessous duquel l’accompagnement en ligne avec conseiller est limité',
    value: { ageYears: 30 },
    basis: `${AGW}, art. 21 §2`,
    regimes: NEW,
  },
  'accompagnement.changement.information': {
    label: 'Le chercheur d’emploi est informé du changement de type d’accompagnement au contact mensuel suivant ; le CPAS qui le suit est informé par e-mail',
    basis: `${AGW}, art. 17 §2 ; spec §5 (Decision : e-mail au CPAS)`,
    regimes: NEW,
  },

  // §6 — suivi
  'contact.mensuel': {
    label: 'Un contact mensuel dès l’inscription ; une date manquée émet un signal d’alerte',
    value: months(1),
    basis: `${AGW}, art. 25 §1er et §4 ; art. 39`,
    regimes: BOTH,
  },
  'contact.individuel.moins30': {
    label: 'Moins de 30 ans : un contact individuel au moins tous les trois mois',
    value: months(3),
    basis: `${AGW}, art. 25 §2`,
    regimes: NEW,
  },
  'contact.individuel.quatrePremiersMois': {
    label: 'Hors digital interactif : au moins un contact individuel par mois pendant les quatre premiers mois ; à défaut, alerte à la fin du mois',
    value: months(4),
    basis: `${AGW}, art. 25 §5 ; alerte : décision produit (comme art. 28, spec §6)`,
    regimes: NEW,
  },
  'proposition.delai': {
    label: 'Dans les quatre mois de l’inscription, proposition d’un emploi, d’un stage ou d’une formation (sauf employabilité faible ou très faible) ; à défaut, alerte',
    value: months(4),
    basis: `${AGW}, art. 28 §1er et §2 ; spec §6 (Decision : alerte)`,
    regimes: NEW,
  },
  'signalAlerte.contact': {
    label: 'Signal d’alerte : contact avec le chercheur d’emploi dans les trois jours ouvrables, sinon escalade',
    value: workingDays(3),
    basis: `${AGW}, art. 39 §2`,
    regimes: NEW,
  },

  // §7 — absences
  'absence.justification': {
    label: 'Sollicitation manquée : justificatif dans les cinq jours ouvrables suivant la date prévue',
    value: workingDays(5),
    basis: `${AGW}, art. 30 §1er ; art. 31 §1er`,
    regimes: BOTH,
  },
  'absence.motifPrevisible.recontact': {
    label: 'Motif admis de nature prévisible : le chercheur d’emploi recontacte le Forem dans les cinq jours ouvrables',
    value: workingDays(5),
    basis: `${AGW}, art. 31 §2, al. 1er`,
    regimes: NEW,
  },
  'absence.reconvocation': {
    label: 'À défaut de rendez-vous pris, nouvelle convocation dans les quinze jours ouvrables suivant le rendez-vous manqué, et élément défavorable',
    value: workingDays(15),
    basis: `${AGW}, art. 31 §2, al. 2 et §3`,
    regimes: NEW,
  },
  'absence.recommande.postal': {
    label: 'Sans justification admise : nouvelle sollicitation par recommandé ; rendez-vous au plus tôt le 21e jour après l’envoi postal',
    value: days(21),
    basis: `${AGW}, art. 30 §2`,
    regimes: BOTH,
  },
  'absence.recommande.electronique': {
    label: 'Sans justification admise : nouvelle sollicitation par recommandé électronique ; rendez-vous au plus tôt le 15e jour après l’envoi',
    value: days(15),
    basis: `${AGW}, art. 30 §2`,
    regimes: BOTH,
  },
  'absence.seconde': {
    label: 'Seconde absence sans justification admise : transmission au Service contrôle (stage d’insertion, allocataires) ou suspension automatique et fin d’inscription',
    basis: `${AGW}, art. 30 §3 ; art. 32`,
    regimes: BOTH,
  },

  // §8 — suspension, reprise, clôture
  'suspension.duree': {
    label: 'Suspension automatique de l’accompagnement : trois mois au plus ; reprise possible plus tôt à la demande du chercheur d’emploi',
    value: months(3),
    basis: `${AGW}, art. 32, al. 2 et 4`,
    regimes: NEW,
  },
  'suspension.duree.anterieure': {
    label: 'Après deux absences injustifiées (hors jeunes), l’accompagnement ne reprend qu’à sept mois de la date de suspension',
    value: months(7),
    basis: `${DISPOSITIF} (seed 000), « Hormis pour les jeunes »`,
    regimes: OLD,
  },
  'suspension.exceptions': {
    label: 'Pas de suspension automatique pour les jeunes en stage d’insertion ni pour les bénéficiaires d’allocations',
    basis: `${AGW}, art. 32, al. 3`,
    regimes: NEW,
  },
  'suspension.nonInscription': {
    label: 'Une suspension pour non-inscription dure autant que la non-inscription et prend fin à la réinscription',
    basis: `${AGW}, art. 32, al. 5`,
    regimes: NEW,
  },
  'reprise.cpas.delai': {
    label: 'Accompagnement conjoint : le CPAS peut demander la reprise à partir de sept mois après la date de suspension',
    value: months(7),
    basis: `${DISPOSITIF} (seed 000) ; spec §8 (Decision : deux niveaux)`,
    regimes: BOTH,
  },
  'cloture.nonInscription': {
    label: 'Clôture de l’accompagnement après trois mois ininterrompus sans inscription',
    value: months(3),
    basis: `${AGW}, art. 33 §1er`,
    regimes: NEW,
  },
  'cloture.causes': {
    label: 'Clôture : refus explicite, comportement fautif ou non-collaboration validés, fin de la qualité de chercheur d’emploi inoccupé, décès ou âge de la pension',
    basis: `${AGW}, art. 33 §1er, 1° et 3° à 5° ; art. 35`,
    regimes: BOTH,
  },
  'reinscription.reprise': {
    label: 'Réinscription dans les trois mois de la fin d’inscription : le parcours reprend là où il s’était arrêté',
    value: months(3),
    basis: `${AGW}, art. 33 §3`,
    regimes: NEW,
  },

  // §3, §9 — CPAS
  'demande.convention': {
    label: 'Seul un CPAS ayant signé la convention de coopération, en vigueur, initie une demande',
    basis: `${DISPOSITIF} (seed 000) ; ${CONVENTION}, art. 8`,
    regimes: BOTH,
  },
  'demande.publicCommun': {
    label: 'Public commun : bénéficiaires du RI ou de l’aide sociale équivalente inscrits comme DE, et travailleurs sous contrat art. 60 §7 ou 61',
    basis: `${CONVENTION}, art. 3 ; ${DISPOSITIF} (seed 000), « Public cible »`,
    regimes: BOTH,
  },
  'demande.etudiants': {
    label: 'Les étudiants ne font pas partie du public commun',
    basis: `${CONVENTION}, art. 3 (« à l’exclusion des étudiants »)`,
    regimes: BOTH,
  },
  'demande.article60.reinscription': {
    label: 'Les personnes réinscrites comme DEI à l’issue de l’article 60 ne sont plus public commun',
    basis: `${DISPOSITIF} (seed 000), « Public cible »`,
    regimes: BOTH,
  },
  'demande.jeunes.eConseiller': {
    label: 'Jeunes (moins de 25 ans) suivis par un e-conseiller (accompagnement digital ou en ligne) : pas de conseiller de référence, accompagnement conjoint impossible',
    value: { ageYears: 25 },
    basis: `${DISPOSITIF} (seed 000), « Points d’attention »`,
    regimes: BOTH,
  },
  'demande.unique': {
    label: 'Un seul besoin, une seule demande ouverte à la fois par chercheur d’emploi',
    basis: `${DISPOSITIF} (seed 000), « une seule demande possible »`,
    regimes: BOTH,
  },
  'demande.inscriptionDE': {
    label: 'La demande est rejetée si la personne n’est pas inscrite comme demandeur d’emploi',
    basis: `${DISPOSITIF} (seed 000), « Le CPAS est informé lorsque »`,
    regimes: BOTH,
  },
  'demande.informationCpas': {
    label: 'Le CPAS est informé par e-mail automatique de chaque étape de sa demande : traitée (rendez-vous fixé), retour d’entretien, clôturée',
    basis: `${DISPOSITIF} (seed 000), « Le CPAS est informé lorsque » et « Prise en charge par les services de l’accompagnement »`,
    regimes: BOTH,
  },
  'cpas.informationInscription': {
    label: 'Le CPAS qui suit la personne est informé de son inscription comme chercheur d’emploi (dialogue opérationnel)',
    basis: `${CONVENTION}, art. 7 (échange d’informations sur le public orienté)`,
    regimes: BOTH,
  },
  'cpas.suivi': {
    label: 'Le CPAS qui suit la personne est fixé à l’inscription ; une demande d’un CPAS ne le change pas ; seul un fait motivé du back-office le change (par exemple un déménagement)',
    basis: `${CONVENTION}, art. 7 (données nécessaires à la prise en charge du public orienté) ; spec §10 (Decision : qui voit quoi)`,
    regimes: BOTH,
  },
  'demande.absence.avertissement': {
    label: 'Première absence injustifiée : avertissement au CPAS',
    basis: `${DISPOSITIF} (seed 000)`,
    regimes: BOTH,
  },
  'demande.absence.arret': {
    label: 'Deuxième absence injustifiée : la demande est arrêtée, sauf pour les jeunes dont la demande concerne un conseiller de référence',
    basis: `${DISPOSITIF} (seed 000)`,
    regimes: BOTH,
  },

  // §12 — the convention
  'convention.evaluation': {
    label: 'Évaluation de la coopération au moins une fois par an, à la date anniversaire de la signature',
    value: months(12),
    basis: `${CONVENTION}, art. 5`,
    regimes: BOTH,
  },
  'convention.preavis': {
    label: 'Résiliation moyennant un préavis de trois mois par courrier recommandé',
    value: months(3),
    basis: `${CONVENTION}, art. 8`,
    regimes: BOTH,
  },
} as const satisfies Record<string, Omit<Rule, 'id'>>;

export type RuleId = keyof typeof RULES;

export function rule(id: RuleId): Rule {
  return { id, ...RULES[id] } as Rule;
}

export function periodOf(id: RuleId): Period {
  const value = (RULES[id] as Omit<Rule, 'id'>).value;
  if (!value || !('unit' in value)) throw new Error(`rule ${id} has no period`);
  return value;
}

export function ageThresholdOf(id: RuleId): number {
  const value = (RULES[id] as Omit<Rule, 'id'>).value;
  if (!value || !('ageYears' in value)) throw new Error(`rule ${id} has no age threshold`);
  return value.ageYears;
}

export function allRules(): Rule[] {
  return (Object.keys(RULES) as RuleId[]).map(rule);
}

/** The legal basis as the dossier records it next to a decision. */
export interface LegalBasis {
  ruleId: RuleId;
  basis: string;
  regime: RegimeId;
}

export function basisOf(id: RuleId, regime: RegimeId): LegalBasis {
  return { ruleId: id, basis: RULES[id].basis, regime };
}

/** The regime in force on `date` for a parcours that starts then. */
export function regimeOn(date: CivilDate): RegimeId {
  let current: RegimeId = 'anterieur';
  for (const r of REGIMES) if (date >= r.from) current = r.id;
  return current;
}

export const ENTREE_EN_VIGUEUR_2025: CivilDate = REGIMES.find((r) => r.id === 'aocs-2025')!.from;

/**
 * Last day a parcours under way on 1 October 2025 may keep its former rules (AGW 09/10/2025,
 * art. 3 §1er: six months from the entry into force; art. 1.7 does not count that day itself).
 */
export const FIN_TRANSITION: CivilDate = lastDayOfPeriod(ENTREE_EN_VIGUEUR_2025, periodOf('regime.transition'));

/**
 * The regime a parcours uses on `date` (AGW 09/10/2025, art. 3 §1er): a parcours that began
 * before 1 October 2025 keeps its former rules until its first monthly contact from that day on,
 * and no later than six months after it; any other parcours follows the regime of its start.
 */
export function regimeOfParcours(debut: CivilDate, premierContactDepuisEntree: CivilDate | undefined, date: CivilDate): RegimeId {
  if (debut >= ENTREE_EN_VIGUEUR_2025) return regimeOn(debut);
  if (date < ENTREE_EN_VIGUEUR_2025) return 'anterieur';
  if (premierContactDepuisEntree !== undefined && premierContactDepuisEntree <= date) return 'aocs-2025';
  return date <= FIN_TRANSITION ? 'anterieur' : 'aocs-2025';
}
