/**
 * The CPAS referral request (*demande*, seed 000; spec §3 and §9): who may be referred, and
 * each step with the e-mail the convention promises the CPAS.
 */
import { ageOn, type CivilDate } from '../calendar';
import { ageThresholdOf, RULES, type RuleId } from '../rules';
import type { FactOf } from './events';
import { demandeOuverte, type Demande, type ParcoursState } from './model';
import type { Step } from './step';

/** Accompaniments followed by an e-conseiller, without a reference adviser (seed 000, « Les CE sont suivis »). */
const E_CONSEILLER = ['digitalInteractif', 'enLigneAvecConseiller'];

/** Why the request is rejected, with the rule that says so; undefined when the person may be referred. */
export function motifRejet(s: ParcoursState, e: FactOf<'demande'>): { rule: RuleId; motif: string } | undefined {
  const inscrit = (s.statut === 'inscrit' || s.statut === 'suspendu') && !s.inscription?.fin;
  if (!inscrit) return { rule: 'demande.inscriptionDE', motif: 'la personne n’est pas inscrite comme demandeuse d’emploi au Forem' };
  if (e.situation.etudiant) return { rule: 'demande.etudiants', motif: 'les étudiants ne font pas partie du public commun' };
  if (e.situation.reinscritDEIApresArticle60)
    return { rule: 'demande.article60.reinscription', motif: 'la personne s’est réinscrite comme demandeuse d’emploi inoccupée à l’issue de son contrat article 60 : elle n’est plus public commun' };
  if (!e.situation.beneficiaireRI && !e.situation.contratArticle60ou61)
    return { rule: 'demande.publicCommun', motif: 'la personne n’est ni bénéficiaire du revenu d’intégration (ou de l’aide sociale équivalente) ni sous contrat article 60 §7 ou 61' };
  const naissance = s.personne?.dateNaissance ?? e.personne.dateNaissance;
  if (ageOn(naissance, e.date) < ageThresholdOf('demande.jeunes.eConseiller') && s.accompagnement && E_CONSEILLER.includes(s.accompagnement.type))
    return { rule: 'demande.jeunes.eConseiller', motif: 'les jeunes suivis par un e-conseiller n’ont pas de conseiller de référence : l’accompagnement conjoint n’est pas possible' };
  return undefined;
}

const SUITES: Partial<Record<RuleId, string>> = {
  'demande.inscriptionDE': 'Invitez la personne à s’inscrire comme demandeuse d’emploi (en ligne, par téléphone au 0800 93 947 ou dans un service clientèle) ; vous pourrez ensuite introduire une nouvelle demande.',
  'demande.jeunes.eConseiller': 'Le Forem poursuit l’accompagnement du jeune ; vous pouvez échanger avec son e-conseiller dans le cadre du dialogue opérationnel.',
};

function demandeParReference(s: ParcoursState, reference: string): Demande | undefined {
  return s.demandes.find((d) => d.reference === reference);
}

const etapeRefusee = (s: ParcoursState, reference: string, attendus: Demande['statut'][], etape: string): string | undefined => {
  const d = demandeParReference(s, reference);
  if (!d) return `aucune demande de référence ${reference} dans ce parcours`;
  if (!attendus.includes(d.statut)) return `la demande ${reference} est ${d.statut} : ${etape} impossible`;
  return undefined;
};

export const DEMANDE_REFUSALS = {
  demande: (s: ParcoursState, e: FactOf<'demande'>) => {
    const ouverte = demandeOuverte(s);
    if (!ouverte) return undefined;
    // Another CPAS's request is none of the requester's business (spec §10): not even its reference.
    const laquelle = ouverte.cpas === e.cpas ? ` (votre demande ${ouverte.reference})` : '';
    return `une demande est déjà ouverte pour cette personne${laquelle} : un seul besoin à la fois (${RULES['demande.unique'].basis})`;
  },
  demandeTraitee: (s: ParcoursState, e: FactOf<'demandeTraitee'>) => etapeRefusee(s, e.reference, ['ouverte', 'traitee'], 'fixer un rendez-vous'),
  retourEntretien: (s: ParcoursState, e: FactOf<'retourEntretien'>) => etapeRefusee(s, e.reference, ['traitee'], 'faire le retour d’entretien'),
  demandeCloturee: (s: ParcoursState, e: FactOf<'demandeCloturee'>) => etapeRefusee(s, e.reference, ['traitee'], 'clôturer'),
};

const nomComplet = (p: { nom: string; prenom: string }) => `${p.prenom} ${p.nom}`;

export const DEMANDE_APPLY = {
  demande: (step: Step, e: FactOf<'demande'>) => {
    const s = step.state;
    const reference = `DEM-${s.parcoursId.slice(3, 11).toUpperCase()}-${s.demandes.length + 1}`;
    const beneficiaire = nomComplet(e.personne);
    step.write({ date: e.date, kind: 'fait', code: 'demande', resume: `Demande du CPAS ${e.cpas} (besoin : ${e.besoin}), référence ${reference}`, eventId: e.id, data: { reference, cpas: e.cpas, besoin: e.besoin, elements: e.elements, ...(e.pistes ? { pistes: e.pistes } : {}), contact: e.contact } });
    const base: Demande = { reference, cpas: e.cpas, deposeeLe: e.date, statut: 'ouverte', besoin: e.besoin, conseillerReference: e.conseillerReference ?? false };
    const rejet = motifRejet(s, e);
    if (rejet) {
      s.demandes = [...s.demandes, { ...base, statut: 'rejetee', motifRejet: rejet.motif }];
      step.decision(rejet.rule, 'demande.rejetee', `Demande ${reference} rejetée : ${rejet.motif}`, { eventId: e.id, data: { reference } });
      step.emailCpas('demande-rejetee', e.date, { reference, beneficiaire, motif: rejet.motif, suite: SUITES[rejet.rule] ?? null }, rejet.rule, e.cpas);
      return;
    }
    s.demandes = [...s.demandes, base];
    // Before issue 11 an accepted request made its CPAS the follower, handing the person over.
    if (!step.options.requestLeavesFollower) s.cpas = e.cpas;
    step.decision('demande.publicCommun', 'demande.acceptee', `Demande ${reference} réceptionnée : la personne fait partie du public commun`, { eventId: e.id, data: { reference } });
  },
  demandeTraitee: (step: Step, e: FactOf<'demandeTraitee'>) => {
    const d = demandeParReference(step.state, e.reference)!;
    d.statut = 'traitee';
    d.rendezVous = { service: e.service, date: e.dateRendezVous, lieu: e.lieu };
    step.write({ date: e.date, kind: 'fait', code: 'demande.traitee', resume: `Demande ${d.reference} traitée : ${e.service} le ${e.dateRendezVous} (${e.lieu})`, eventId: e.id, data: { reference: d.reference } });
    step.emailCpas('demande-traitee', e.date, { reference: d.reference, service: e.service, dateRendezVous: e.dateRendezVous, lieu: e.lieu }, 'demande.informationCpas', d.cpas);
  },
  retourEntretien: (step: Step, e: FactOf<'retourEntretien'>) => {
    const d = demandeParReference(step.state, e.reference)!;
    const conseiller = [e.conseiller.nom, e.conseiller.email, e.conseiller.telephone].filter(Boolean).join(' — ');
    step.write({ date: e.date, kind: 'fait', code: 'demande.retourEntretien', resume: `Retour d’entretien au CPAS pour la demande ${d.reference}`, eventId: e.id, data: { reference: d.reference } });
    step.emailCpas('retour-entretien', e.date, { reference: d.reference, faits: e.faits, besoins: e.besoins, perspectives: e.perspectives, conseiller }, 'demande.informationCpas', d.cpas);
  },
  demandeCloturee: (step: Step, e: FactOf<'demandeCloturee'>) => {
    const d = demandeParReference(step.state, e.reference)!;
    d.statut = 'cloturee';
    step.write({ date: e.date, kind: 'fait', code: 'demande.cloturee', resume: `Demande ${d.reference} clôturée : ${e.resultat}`, eventId: e.id, data: { reference: d.reference } });
    step.emailCpas('demande-cloturee', e.date, { reference: d.reference, resultat: e.resultat }, 'demande.informationCpas', d.cpas);
  },
};

/** The parcours closes: an open request cannot go on; the CPAS is told the outcome. */
export function cloreDemande(step: Step, resultat: string): void {
  const d = demandeOuverte(step.state);
  if (!d) return;
  d.statut = 'cloturee';
  step.write({ date: step.today, kind: 'decision', code: 'demande.cloturee', resume: `Demande ${d.reference} clôturée : ${resultat}`, data: { reference: d.reference } });
  step.emailCpas('demande-cloturee', step.today, { reference: d.reference, resultat }, 'demande.informationCpas', d.cpas);
}

/** Seed 000: a first unjustified absence is a warning to the CPAS whose request is open. */
export function avertirCpas(step: Step, dateAbsence: CivilDate): void {
  const d = demandeOuverte(step.state);
  if (d) step.emailCpas('absence-avertissement', step.today, { reference: d.reference, dateAbsence }, 'demande.absence.avertissement', d.cpas);
}

/**
 * Seed 000: at the second unjustified absence the request is stopped, except for young people
 * whose request concerns a reference adviser; the CPAS may ask for reprise seven months later.
 */
export function arreterDemande(step: Step, dateSuspension: CivilDate, repriseLe: CivilDate, dernierJourAttente: CivilDate): void {
  const s = step.state;
  const d = demandeOuverte(s);
  if (!d) return;
  const jeune = !!s.personne && ageOn(s.personne.dateNaissance, dateSuspension) < ageThresholdOf('demande.jeunes.eConseiller');
  if (jeune && d.conseillerReference) {
    step.decision('demande.absence.arret', 'demande.maintenue', `Jeune dont la demande ${d.reference} concerne un conseiller de référence : la demande n’est pas arrêtée`, { data: { reference: d.reference } });
    return;
  }
  d.statut = 'arretee';
  s.arretCpas = { dateSuspension, repriseLe };
  step.scheduleOn('reprise.cpas.delai', dateSuspension, dernierJourAttente);
  step.decision('demande.absence.arret', 'demande.arretee', `Demande ${d.reference} arrêtée : le CPAS pourra demander la reprise à partir du ${repriseLe}`, { data: { reference: d.reference, dateSuspension, repriseCpasPossibleLe: repriseLe } });
  step.emailCpas('demande-arretee', step.today, { reference: d.reference, dateSuspension, repriseCpasPossibleLe: repriseLe }, 'reprise.cpas.delai', d.cpas);
}
