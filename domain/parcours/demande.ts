/**
 * The CPAS referral request (*demande*, seed 000; spec §3 and §9): who may be referred, and
 * each step with the e-mail the convention promises the CPAS.
 */
import { addDays, addMonths, ageOn, type CivilDate } from '../calendar';
import { ageThresholdOf, periodOf, RULES, type RuleId } from '../rules';
import type { FactOf } from './events';
import { demandeOuverte, type Demande, type ParcoursState } from './model';
import { profilOriente } from './profil';
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

export function demandeParReference(s: ParcoursState, reference: string): Demande | undefined {
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
    step.write({ date: e.date, kind: 'fait', code: 'demande', resume: `Demande du CPAS ${e.cpas} (besoin : ${e.besoin}), référence ${reference}`, eventId: e.id, data: { reference, cpas: e.cpas, besoin: e.besoin, elements: e.elements, ...(e.pistes ? { pistes: e.pistes } : {}), contact: e.contact, profil: profilOriente(e) } });
    const base: Demande = { reference, cpas: e.cpas, deposeeLe: e.date, statut: 'ouverte', besoin: e.besoin, conseillerReference: e.conseillerReference ?? false };
    const rejet = motifRejet(s, e);
    // The person as this CPAS named them: what its e-mails say (issue 15); only the name, never in the view.
    s.nommees = [...(s.nommees ?? []), { reference, cpas: e.cpas, personne: beneficiaire, ...(rejet?.rule === 'demande.inscriptionDE' ? { attendInscription: true } : {}) }];
    if (rejet) {
      s.demandes = [...s.demandes, { ...base, statut: 'rejetee', motifRejet: rejet.motif }];
      step.decision(rejet.rule, 'demande.rejetee', `Demande ${reference} rejetée : ${rejet.motif}`, { eventId: e.id, data: { reference } });
      step.emailCpas('demande-rejetee', e.date, { reference, beneficiaire, motif: rejet.motif, suite: SUITES[rejet.rule] ?? null }, rejet.rule, e.cpas);
      return;
    }
    s.demandes = [...s.demandes, base];
    // The request does not make its CPAS the follower (spec §10): before this core it did, handing the person over.
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

/**
 * Seed 000: an unjustified absence at the service booked for the request (a sollicitation that
 * names it) is a warning to the CPAS that filed it, once the absence has become unjustified (`le`).
 */
export function avertirCpas(step: Step, reference: string, dateAbsence: CivilDate, le: CivilDate): void {
  const d = demandeParReference(step.state, reference);
  if (d && (d.statut === 'ouverte' || d.statut === 'traitee')) {
    step.emailCpas('absence-avertissement', le, { reference: d.reference, dateAbsence }, 'demande.absence.avertissement', d.cpas);
  }
}

/**
 * Seed 000 and art. 30 §3: the outcome of the absence at the registered letter's appointment stops
 * the open request, except for young people whose request concerns a reference adviser. The CPAS
 * may ask for reprise seven months after the suspension date — young people (under 25 on that
 * date) at once, « hormis pour les jeunes ». Without a suspension (an allowance beneficiary or a
 * young person in stage d'insertion is transmitted, never suspended: art. 32 al. 3) there is no
 * date to wait from: the CPAS may ask for reprise at once.
 */
export function arreterDemande(step: Step, dateSuspension: CivilDate, suspendu: boolean): void {
  const s = step.state;
  const d = demandeOuverte(s);
  if (!d) return;
  const jeune = !!s.personne && ageOn(s.personne.dateNaissance, dateSuspension) < ageThresholdOf('reprise.cpas.jeunes');
  if (jeune && d.conseillerReference) {
    step.decision('demande.absence.arret', 'demande.maintenue', `Jeune dont la demande ${d.reference} concerne un conseiller de référence : la demande n’est pas arrêtée`, { date: dateSuspension, data: { reference: d.reference } });
    return;
  }
  d.statut = 'arretee';
  const attente = suspendu && !jeune;
  const repriseLe = attente ? repriseCpasPossibleLe(dateSuspension) : dateSuspension;
  s.arretCpas = { dateSuspension, repriseLe };
  if (attente) step.scheduleOn('reprise.cpas.delai', dateSuspension, addDays(repriseLe, -1));
  const rule = jeune ? 'reprise.cpas.jeunes' : suspendu ? 'reprise.cpas.delai' : 'demande.absence.arret';
  const quand = attente ? `à partir du ${repriseLe}` : jeune ? 'dès à présent (jeune de moins de 25 ans)' : 'dès à présent (pas de suspension : transmission au Service contrôle)';
  step.decision('demande.absence.arret', 'demande.arretee', `Demande ${d.reference} arrêtée : le CPAS peut demander la reprise ${quand}`, {
    date: dateSuspension,
    data: { reference: d.reference, ...(suspendu ? { dateSuspension } : { dateIssue: dateSuspension }), repriseCpasPossibleLe: repriseLe },
  });
  step.emailCpas('demande-arretee', dateSuspension, { reference: d.reference, dateSuspension: suspendu ? dateSuspension : null, repriseCpasPossibleLe: repriseLe }, rule, d.cpas);
}

/**
 * Seed 000: the CPAS may ask for reprise « à 7 mois à partir de la date de suspension » — from
 * the day with the same number seven months later (spec §8 Decision).
 */
export function repriseCpasPossibleLe(dateSuspension: CivilDate): CivilDate {
  return addMonths(dateSuspension, periodOf('reprise.cpas.delai').amount);
}
