/**
 * The rule book: every time limit and threshold Parcours applies, as named data with its legal
 * source. Decisions written to the dossier carry the rule id and its basis, so an auditor can
 * read *why*. `docs/rules.md` is generated from this file (`npm run rules:doc`); a test fails
 * when the two differ.
 *
 * Citations follow spec's rule: articles 1–42 are those of the AGW of 21 December 2022 as its
 * chapters 1 and 2 were replaced by art. 2 of the AGW of 9 October 2025 (seed `004_…`), cited
 * "AGW 21/12/2022, art. N (remplacé par AGW 09/10/2025)"; the amending AGW's own articles
 * (art. 3–6: transition, priorities, effects) are cited "AGW 09/10/2025, art. N".
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

/** An article of the AGW of 21/12/2022 as rewritten on 9/10/2025 (art. 1–42). */
const agw = (article: string) => `AGW 21/12/2022, art. ${article} (remplacé par AGW 09/10/2025)`;
/** An article of the amending AGW itself (art. 3–6). */
const AGW_2025 = 'AGW 09/10/2025';
const CONVENTION = 'Convention de coopération Forem–CPAS (modèle 2024)';
const DISPOSITIF = 'Dispositif de coopération Forem–CPAS, accompagnement conjoint (2024)';

const days = (amount: number): Period => ({ amount, unit: 'jours' });
const workingDays = (amount: number): Period => ({ amount, unit: 'joursOuvrables' });
const months = (amount: number): Period => ({ amount, unit: 'mois' });

export const RULES = {
  // §11 — computing deadlines
  'delais.calcul': {
    label: 'Les délais sont calculés conformément au Code civil (jour de l’acte non compté, report au jour ouvrable suivant)',
    basis: `${agw('4')} ; Code civil, livre 1er, art. 1.7`,
    regimes: BOTH,
  },
  'delais.deuxJoursOuvrables': {
    label: 'Un délai de deux jours ou plus comprend au moins deux jours ouvrables (Decision du produit)',
    value: { amount: 2, unit: 'joursOuvrables' },
    basis: 'Décision du produit (issue 3), sur le modèle du Règlement (CEE, Euratom) n° 1182/71, art. 3 §5 (qui ne s’applique pas ici)',
    regimes: BOTH,
  },
  'regime.transition': {
    label: 'Un parcours en cours garde ses modalités jusqu’au premier contact mensuel, six mois au plus après l’entrée en vigueur',
    value: months(6),
    basis: `${AGW_2025}, art. 3 §1er, al. 2 (disposition transitoire)`,
    regimes: BOTH,
  },

  // §4 — inscription
  'inscription.telephone.authentification': {
    label: 'Inscription par téléphone : identité authentifiée dans les 7 jours, sinon l’inscription n’est pas finalisée',
    value: days(7),
    basis: `${agw('5 §2, al. 4')}`,
    regimes: NEW,
  },
  'inscription.etranger.presentiel': {
    label: 'Les personnes de nationalité étrangère s’inscrivent en présentiel (pratique du Forem) : une inscription en ligne ou par téléphone n’est pas refusée — l’AGW l’ouvre à tout usager — mais appelle une vérification en présentiel',
    basis: `${DISPOSITIF} (seed 000), « Points d’attention » ; ${agw('5 §1er')}`,
    regimes: BOTH,
  },
  'inscription.canalPreferentiel': {
    label: 'Le chercheur d’emploi choisit à l’inscription son canal de communication préférentiel (SMS, courrier électronique, courrier postal, espace personnel) et peut en changer à tout moment',
    basis: `${agw('9 §1er')}`,
    regimes: BOTH,
  },
  'inscription.dateContact.fixee': {
    label: 'Inscription par téléphone ou en présentiel : la date du premier contact mensuel est fixée à l’inscription',
    basis: `${agw('5 §3, al. 1er')}`,
    regimes: NEW,
  },
  'inscription.enLigne.dateContact': {
    label: 'Inscription en ligne : date du contact mensuel fixée dans les 15 jours, sinon élément défavorable au dossier',
    value: days(15),
    basis: `${agw('5 §3, al. 2 et 3')}`,
    regimes: NEW,
  },
  'inscription.enLigne.objectivation': {
    label: 'Inscription en ligne : profil objectivé dans les 15 jours',
    value: days(15),
    basis: `${agw('6 §1er')}`,
    regimes: NEW,
  },

  // §5 — affectation
  'affectation.delai': {
    label: 'Affectation à un type d’accompagnement au plus tard dans le mois de l’inscription',
    value: months(1),
    basis: `${agw('16 §1er')}`,
    regimes: NEW,
  },
  'affectation.matrice': {
    label: 'Type d’accompagnement selon l’employabilité et l’autonomie numérique',
    basis: `${agw('16 §2 et art. 19 à 23')}`,
    regimes: NEW,
  },
  'affectation.jeunes.pasDigital': {
    label: 'Pas d’accompagnement digital pour les moins de 25 ans sans expérience professionnelle (jobs étudiants exclus)',
    value: { ageYears: 25 },
    basis: `${agw('20 §2')}`,
    regimes: NEW,
  },
  'accompagnement.digital.duree': {
    label: 'Accompagnement digital interactif : quatre mois au plus à dater de l’inscription, puis réaffectation',
    value: months(4),
    basis: `${agw('20 §1er')}`,
    regimes: NEW,
  },
  'accompagnement.enLigne.moins30': {
    label: 'Accompagnement en ligne avec conseiller : trois mois au plus à dater de l’inscription pour les moins de 30 ans',
    value: months(3),
    basis: `${agw('21 §2')}`,
    regimes: NEW,
  },
  'accompagnement.enLigne.moins30.age': {
    label: 'Âge en dessous duquel l’accompagnement en ligne avec conseiller est limité',
    value: { ageYears: 30 },
    basis: `${agw('21 §2')}`,
    regimes: NEW,
  },
  'accompagnement.changement.information': {
    label: 'Le chercheur d’emploi est informé du changement de type d’accompagnement au contact mensuel suivant ; le CPAS qui le suit est informé par e-mail',
    basis: `${agw('17 §2, al. 3')} ; spec §5 (Decision : e-mail au CPAS)`,
    regimes: NEW,
  },

  // §6 — suivi
  'contact.mensuel': {
    label: 'Un contact mensuel dès l’inscription ; une date manquée émet un signal d’alerte',
    value: months(1),
    basis: `${agw('25 §1er et §4')} ; ${agw('39 §1er')}`,
    regimes: BOTH,
  },
  'contact.mensuel.prochaineDate': {
    label: 'La date du prochain contact mensuel tombe dans le mois du contact (ou de l’inscription pour le premier) ; une date plus lointaine est refusée',
    value: months(1),
    basis: `${agw('25 §1er et §4')} ; ${agw('4')}`,
    regimes: NEW,
  },
  'contact.individuel.moins30': {
    label: 'Moins de 30 ans : un contact individuel au moins tous les trois mois',
    value: months(3),
    basis: `${agw('25 §2')}`,
    regimes: NEW,
  },
  'contact.individuel.quatrePremiersMois': {
    label: 'Hors digital interactif : au moins un contact individuel par mois pendant les quatre premiers mois ; à défaut, alerte à la fin du mois',
    value: months(4),
    basis: `${agw('25 §5')} ; alerte : décision produit (comme art. 28, spec §6)`,
    regimes: NEW,
  },
  'proposition.delai': {
    label: 'Dans les quatre mois de l’inscription, proposition d’un emploi, d’un stage ou d’une formation, sauf employabilité faible ou très faible, chercheur d’emploi non mobilisable ou en trajet spécifique ; à défaut, alerte',
    value: months(4),
    basis: `${agw('28 §1er et §2')} ; AR 25/11/1991, art. 27, 19° et art. 58 §1er, al. 3, 1° ; spec §6 (Decision : alerte)`,
    regimes: NEW,
  },
  'signalAlerte.contact': {
    label: 'Signal d’alerte : contact avec le chercheur d’emploi dans les trois jours ouvrables comptés du jour où le signal est émis, sinon escalade',
    value: workingDays(3),
    basis: `${agw('39 §2')}`,
    regimes: NEW,
  },
  'signalAlerte.absencesRepetees': {
    label: 'Le système émet un signal d’alerte « absences répétées » quand une absence, justifiée ou non, suit une autre dans les trois mois',
    value: months(3),
    basis: `${agw('39 §1er, 1°, a)')} ; spec §6 (Decision : trois mois)`,
    regimes: NEW,
  },
  'signalAlerte.absenceReponse': {
    label: 'Le système émet un signal d’alerte « absence de réponse » quand le délai de justification d’une absence s’achève sans rien reçu',
    basis: `${agw('39 §1er, 1°, c)')} ; spec §6 (Decision)`,
    regimes: NEW,
  },

  // §7 — absences
  'absence.justification': {
    label: 'Sollicitation manquée : justificatif dans les cinq jours ouvrables suivant la date prévue',
    value: workingDays(5),
    basis: `${agw('30 §1er')} ; ${agw('31 §1er, 1°')}`,
    regimes: BOTH,
  },
  'absence.motifPrevisible.recontact': {
    label: 'Motif admis de nature prévisible : le chercheur d’emploi recontacte le Forem dans les cinq jours ouvrables',
    value: workingDays(5),
    basis: `${agw('31 §2, al. 1er')}`,
    regimes: NEW,
  },
  'absence.reconvocation': {
    label: 'À défaut de rendez-vous pris, nouvelle convocation dans les quinze jours ouvrables suivant le rendez-vous manqué, et élément défavorable',
    value: workingDays(15),
    basis: `${agw('31 §2, al. 2 et §3')}`,
    regimes: NEW,
  },
  'absence.recommande.postal': {
    label: 'Sans justification admise : nouvelle sollicitation par recommandé ; rendez-vous au plus tôt le 21e jour après l’envoi postal',
    value: days(21),
    basis: `${agw('30 §2')}`,
    regimes: BOTH,
  },
  'absence.recommande.electronique': {
    label: 'Sans justification admise : nouvelle sollicitation par recommandé électronique, seulement pour le chercheur d’emploi dont le canal préférentiel est le courrier électronique ; rendez-vous au plus tôt le 15e jour après l’envoi',
    value: days(15),
    basis: `${agw('30 §2')} ; ${agw('9 §1er, al. 3')}`,
    regimes: BOTH,
  },
  'absence.seconde': {
    label: 'Absence sans justification admise à la sollicitation par recommandé (et à elle seule) : transmission au Service contrôle (stage d’insertion, allocataires) ou suspension automatique et fin d’inscription',
    basis: `${agw('30 §3')} ; ${agw('32, al. 1er, 2°')}`,
    regimes: BOTH,
  },
  'absence.chaine': {
    label: 'Chaque sollicitation manquée ouvre sa propre chaîne ; la présence au rendez-vous fixé par recommandé, ou la justification admise, y met fin ; une absence à une autre sollicitation recommence au premier pas',
    basis: `${agw('30 §1er à §3')}`,
    regimes: BOTH,
  },
  'absence.effet': {
    label: 'L’absence devient non justifiée le lendemain du dernier des cinq jours ouvrables sans justification admise (une justification refusée n’écourte pas le délai) ; les suites (suspension, fin d’inscription, délais) comptent de ce jour',
    basis: `${agw('30 §1er et §3')} ; ${agw('31 §1er, 1°')} ; spec §7.5`,
    regimes: BOTH,
  },
  'absence.allocataires.decisionControle': {
    label: 'Bénéficiaire d’allocations : l’inscription ne prend fin que sur une évaluation négative notifiée par le Service contrôle et sanctionnée par une exclusion définitive',
    basis: `${agw('30 §3, al. 2')} ; ${agw('35, al. 2')}`,
    regimes: BOTH,
  },
  'inscription.fin.allocataires': {
    label: 'Bénéficiaire d’allocations : une clôture pour refus, comportement ou non-collaboration ne met fin à l’inscription que sur une évaluation négative du Service contrôle sanctionnée par une exclusion définitive',
    basis: `${agw('35, al. 1er, 2°, et al. 2')} ; ${agw('33 §2')}`,
    regimes: BOTH,
  },
  'inscription.fin.information': {
    label: 'Lorsqu’il met fin à l’inscription, le Forem informe le chercheur d’emploi qu’il lui appartient de se réinscrire s’il souhaite poursuivre sa recherche d’emploi',
    basis: `${agw('30 §5')}`,
    regimes: BOTH,
  },

  // §8 — suspension, reprise, clôture
  'suspension.duree': {
    label: 'Suspension automatique de l’accompagnement : trois mois au plus, jusqu’au jour de même quantième sans report à un jour ouvrable (durée maximale d’une sanction) ; reprise possible plus tôt à la demande du chercheur d’emploi',
    value: months(3),
    basis: `${agw('32, al. 2 et 4')}`,
    regimes: NEW,
  },
  'suspension.duree.anterieure': {
    label: 'Après deux absences injustifiées (hors jeunes), l’accompagnement ne reprend qu’à sept mois de la date de suspension',
    value: months(7),
    basis: `${DISPOSITIF} (seed 000), « Hormis pour les jeunes »`,
    regimes: OLD,
  },
  'suspension.nonCollaboration': {
    label: 'Collaboration insuffisante ou refus d’être accompagné : suspension automatique de trois mois au plus ; reprise à la demande du chercheur d’emploi',
    value: months(3),
    basis: `${agw('32, al. 1er, 1°, al. 2 et 4')} ; ${agw('34')}`,
    regimes: NEW,
  },
  'suspension.exceptions': {
    label: 'Pas de suspension automatique pour les jeunes en stage d’insertion ni pour les bénéficiaires d’allocations',
    basis: `${agw('32, al. 3')}`,
    regimes: NEW,
  },
  'suspension.nonInscription': {
    label: 'Une suspension pour non-inscription dure autant que la non-inscription et prend fin à la réinscription',
    basis: `${agw('32, al. 5')}`,
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
    basis: `${agw('33 §1er, 2°')}`,
    regimes: NEW,
  },
  'cloture.causes': {
    label: 'Clôture pour refus explicite, comportement fautif ou non-collaboration validés : elle met fin à l’inscription si elle court encore',
    basis: `${agw('33 §1er, 3° à 5°, et §2')} ; ${agw('35, al. 1er, 2°')}`,
    regimes: BOTH,
  },
  'cloture.nonInoccupe': {
    label: 'Clôture quand le chercheur d’emploi n’est plus inoccupé pendant au moins trois mois : un début d’emploi ouvre la période, un retour au chômage l’annule ; la clôture met fin à l’inscription',
    value: months(3),
    basis: `${agw('33 §1er, 1°, et §2')}`,
    regimes: NEW,
  },
  'inscription.fin.deces': {
    label: 'L’inscription prend fin au décès du chercheur d’emploi',
    basis: `${agw('35, al. 1er, 4°')}`,
    regimes: BOTH,
  },
  'inscription.fin.pension': {
    label: 'L’inscription prend fin à l’âge légal de la pension (66 ans ; 67 ans pour qui atteint 66 ans à partir du 1er janvier 2030, sa pension prenant cours à partir du 1er février 2030) ou à l’admission à la pension, sauf demande de maintien ou formation ou réorientation en cours',
    value: { ageYears: 66 },
    basis: `${agw('35, al. 1er, 5°')} ; loi du 10 août 2015 relevant l’âge légal de la pension de retraite`,
    regimes: BOTH,
  },
  'inscription.fin.pension.2030': {
    label: 'Âge légal de la pension pour qui atteint 66 ans à partir du 1er janvier 2030 (pension qui prendrait cours à partir du 1er février 2030)',
    value: { ageYears: 67 },
    basis: 'loi du 10 août 2015 relevant l’âge légal de la pension de retraite',
    regimes: BOTH,
  },
  'manquement.regularisation': {
    label: 'Signalement de manquement : à défaut de réaction ou de collaboration effective dans le délai de régularisation fixé par le conseiller, fin d’inscription',
    basis: `${agw('36 §3')} ; ${agw('35, al. 1er, 2° et 3°')}`,
    regimes: NEW,
  },
  'manquement.delaiRaisonnable': {
    label: 'Le délai de régularisation d’un signalement de manquement compte au moins cinq jours ouvrables (« délai raisonnable ») ; s’il finit un samedi, un dimanche ou un jour férié, il court jusqu’au jour ouvrable suivant',
    value: workingDays(5),
    basis: `${agw('36 §3')} ; ${agw('4')} ; Code civil, livre 1er, art. 1.7 ; minimum : décision du produit`,
    regimes: NEW,
  },
  'manquement.allocataires': {
    label: 'Pas de signalement de manquement pour le bénéficiaire d’allocations : son dossier est remis au Service contrôle',
    basis: `${agw('36 §2, al. 2, et §3')}`,
    regimes: NEW,
  },
  'reinscription.reprise': {
    label: 'Réinscription dans les trois mois de la fin d’inscription : le parcours reprend là où il s’était arrêté',
    value: months(3),
    basis: `${agw('33 §3')}`,
    regimes: NEW,
  },

  // §11 — late facts
  'rectification.faitTardif': {
    label: 'Un fait enregistré après les décisions qu’il aurait empêchées s’applique à sa date : chaque décision qui ne tient plus est annulée par une nouvelle ligne, les suites du fait sont écrites, et qui avait été informé l’est de la rectification ; jusqu’à trois mois en arrière (configurable), au-delà le fait est refusé',
    value: months(3),
    basis: `spec §11 (Decision : les faits tardifs rectifient) ; ${agw('4')} ; Code civil, livre 1er, art. 1.7`,
    regimes: BOTH,
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
    label: 'Le CPAS qui suit la personne, et celui dont la demande a été rejetée parce qu’elle n’était pas inscrite, sont informés de son inscription comme chercheur d’emploi (dialogue opérationnel) ; aucun autre CPAS',
    basis: `${CONVENTION}, art. 7 (échange d’informations sur le public orienté)`,
    regimes: BOTH,
  },
  'cpas.suivi': {
    label: 'Le CPAS qui suit la personne est fixé à l’inscription ; une demande d’un CPAS ne le change pas ; seul un fait motivé du back-office le change (par exemple un déménagement)',
    basis: `${CONVENTION}, art. 7 (données nécessaires à la prise en charge du public orienté) ; spec §10 (Decision : qui voit quoi)`,
    regimes: BOTH,
  },
  'demande.absence.avertissement': {
    label: 'Absence non justifiée à la prestation réservée pour la demande : avertissement au CPAS',
    basis: `${DISPOSITIF} (seed 000)`,
    regimes: BOTH,
  },
  'demande.absence.arret': {
    label: 'Issue de l’article 30 §3 (absence au rendez-vous fixé par recommandé) : la demande est arrêtée, sauf pour les jeunes dont la demande concerne un conseiller de référence',
    basis: `${DISPOSITIF} (seed 000) ; ${agw('30 §3')}`,
    regimes: BOTH,
  },
  'reprise.cpas.jeunes': {
    label: 'Jeunes (moins de 25 ans à la date de suspension) : pas d’attente de sept mois, le CPAS peut demander la reprise aussitôt',
    value: { ageYears: 25 },
    basis: `${DISPOSITIF} (seed 000), « Hormis pour les jeunes »`,
    regimes: BOTH,
  },

  // §12 — the convention
  'convention.evaluation': {
    label: 'Évaluation de la coopération au moins une fois par an, à la date anniversaire de la signature',
    value: months(12),
    basis: `${CONVENTION}, art. 5`,
    regimes: BOTH,
  },
  'convention.rappel': {
    label: 'Rappel de l’évaluation annuelle aux deux personnes de contact, avec le rapport de l’année : 30 jours avant chaque date anniversaire de la signature et le jour même ; une signature du 29 février a son anniversaire le 28 février des années communes',
    value: days(30),
    basis: `${CONVENTION}, art. 5 et 6 ; spec §12 (Decision : rappel 30 jours avant et le jour même)`,
    regimes: BOTH,
  },
  'convention.approbation': {
    label: 'Le dossier de proposition conjoint (CPAS signataire et associés, personnes de contact, délégués à la protection des données, public visé, objectifs, indicateurs) est approuvé par le comité de pilotage avant la signature',
    basis: 'Appel à projets Forem–CPAS 2019 (seed 003) ; spec §12 (Decision : la proposition, première étape de la convention)',
    regimes: BOTH,
  },
  'convention.vigueur': {
    label: 'La convention entre en vigueur à sa signature, pour une durée indéterminée ; toute modification fait l’objet d’un avenant signé par les parties',
    basis: `${CONVENTION}, art. 8`,
    regimes: BOTH,
  },
  'convention.finPreavis': {
    label: 'Après la fin du préavis, le CPAS n’introduit plus de nouvelle demande ; les demandes ouvertes vont à leur terme',
    basis: `${CONVENTION}, art. 8 ; spec §12 (Decision)`,
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

/**
 * Loi du 10 août 2015: 67 for pensions that take effect from 1 February 2030. A retirement pension
 * takes effect on the first day of the month after the birthday, so someone who turns 66 from
 * 1 January 2030 on reaches the legal age at 67 (the spec's « from 1 February » reads the date of
 * effect as the birthday; the law wins).
 */
export const PENSION_67_A_PARTIR_DU: CivilDate = '2030-01-01';
