/**
 * What each fact does to a parcours, and why a fact may be refused in the state the parcours is
 * in. `refusal` is also what the API's validators answer with (409), so nothing is accepted and
 * then silently dropped.
 */
import { lastDayOfPeriod, onOrNextWorkingDay, type CivilDate } from '../calendar';
import { ENTREE_EN_VIGUEUR_2025, periodOf, RULES, regimeOn, type RegimeId } from '../rules';
import { ABSENCE_APPLY, ABSENCE_REFUSALS, recontactPris } from './absences';
import { assign, contactIndividuelDuMois, moinsDe30, typesPermis, TYPES_ACCOMPAGNEMENT } from './accompagnement';
import { DEMANDE_APPLY, DEMANDE_REFUSALS } from './demande';
import { SUIVI_CPAS_APPLY, SUIVI_CPAS_REFUSALS } from './suivi-cpas';
import type { FactEvent, FactOf, FactType } from './events';
import { cloturer, finInscription, finSuspension, planifierPension, reinscriptionPossible, reprendreSuivi, repriseParReinscriptionJusquAu, suspendre } from './lifecycle';
import type { ParcoursState } from './model';
import { orienteursEnAttente } from './nommer';
import { emettreSignal } from './signaux';
import type { Step } from './step';

const CANAUX = { enLigne: 'en ligne', telephone: 'par téléphone', presentiel: 'en présentiel' } as const;

const pasInscrit = (s: ParcoursState) => (s.statut === 'inscrit' ? undefined : `le parcours n’est pas en cours (statut : ${s.statut})`);
/** Registered, whether or not the accompaniment is suspended. */
const pasEnregistre = (s: ParcoursState) =>
  (s.statut === 'inscrit' || s.statut === 'suspendu') && !s.inscription?.fin ? undefined : `le chercheur d’emploi n’est pas inscrit (statut : ${s.statut})`;
const avantInscription = (s: ParcoursState, date: CivilDate) =>
  s.inscription && date < s.inscription.date ? `la date ${date} précède l’inscription du ${s.inscription.date}` : undefined;

/** Art. 25 §1 and §4 (2025 regime): the monthly contact set on `depuis` falls within one month of it. */
const auDelaDuMois = (regime: RegimeId, depuis: CivilDate, date: CivilDate) => {
  if (!(RULES['contact.mensuel.prochaineDate'].regimes as readonly RegimeId[]).includes(regime)) return undefined;
  const max = lastDayOfPeriod(depuis, periodOf('contact.mensuel.prochaineDate'));
  return date > max ? `la date du contact mensuel (${date}) doit tomber dans le mois, au plus tard le ${max} (${RULES['contact.mensuel.prochaineDate'].basis})` : undefined;
};

type Refusals = { [T in FactType]: (s: ParcoursState, e: FactOf<T>) => string | undefined };

const REFUSALS: Refusals = {
  inscription: (s, e) => {
    if (s.statut === 'inscrit' || s.statut === 'suspendu' && !s.inscription?.fin) return 'le chercheur d’emploi est déjà inscrit';
    if (s.inscription && !reinscriptionPossible(s)) return 'le parcours est clôturé ; une nouvelle inscription ouvre un nouveau parcours';
    if (s.inscription?.fin && e.date < s.inscription.fin) return `la réinscription ne peut précéder la fin d’inscription du ${s.inscription.fin}`;
    if (e.canal !== 'enLigne' && !e.dateContactMensuel && !s.inscription)
      return `la date du premier contact mensuel est fixée à l’inscription par téléphone ou en présentiel (${RULES['inscription.dateContact.fixee'].basis})`;
    if (e.dateContactMensuel && e.dateContactMensuel < e.date) return 'la date du contact mensuel précède l’inscription';
    return e.dateContactMensuel ? auDelaDuMois(s.inscription ? s.regime : regimeOn(e.date), e.date, e.dateContactMensuel) : undefined;
  },
  authentification: (s, e) => {
    if (s.statut !== 'inscrit' || s.inscription?.canal !== 'telephone' || s.inscription.authentifiee) return 'aucune inscription par téléphone n’attend d’authentification';
    return avantInscription(s, e.date);
  },
  fixationContact: (s, e) =>
    pasInscrit(s) ?? avantInscription(s, e.date) ?? (e.dateContactMensuel < e.date ? 'la date du contact mensuel est dans le passé' : auDelaDuMois(s.regime, e.date, e.dateContactMensuel)),
  objectivation: (s, e) => pasInscrit(s) ?? (s.objectivee ? 'le profil est déjà objectivé' : avantInscription(s, e.date)),
  affectation: (s, e) => {
    const r = pasInscrit(s) ?? avantInscription(s, e.date);
    if (r || !e.accompagnement) return r;
    const permis = typesPermis(e.employabilite, s.personne!, e.date);
    if (permis.includes(e.accompagnement)) return undefined;
    if (e.accompagnement === 'digitalInteractif' && permis.includes('enLigneAvecConseiller'))
      return `accompagnement digital exclu pour les moins de 25 ans sans expérience professionnelle (${RULES['affectation.jeunes.pasDigital'].basis})`;
    return `l’accompagnement ${TYPES_ACCOMPAGNEMENT[e.accompagnement]} ne correspond pas au profil (permis : ${permis.map((t) => TYPES_ACCOMPAGNEMENT[t]).join(', ')} — ${RULES['affectation.matrice'].basis})`;
  },
  contactMensuel: (s, e) =>
    pasInscrit(s) ?? avantInscription(s, e.date) ?? (e.prochaineDate <= e.date ? 'la date du prochain contact doit suivre celle du contact' : auDelaDuMois(s.regime, e.date, e.prochaineDate)),
  proposition: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  sollicitation: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  ...ABSENCE_REFUSALS,
  signalAlerte: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  repriseDemandee: (s, e) => {
    if (e.par === 'ce') return s.statut === 'suspendu' ? undefined : 'l’accompagnement n’est pas suspendu';
    if (!s.arretCpas) return 'aucun accompagnement conjoint n’a été arrêté';
    const { dateSuspension, repriseLe } = s.arretCpas;
    if (e.date < repriseLe) return `reprise demandée trop tôt : le CPAS peut la demander à partir du ${repriseLe}, sept mois après la suspension du ${dateSuspension} (${RULES['reprise.cpas.delai'].basis})`;
    return undefined;
  },
  desinscription: (s, e) => (s.statut === 'inscrit' || (s.statut === 'suspendu' && !s.inscription?.fin) ? avantInscription(s, e.date) : 'le chercheur d’emploi n’est pas inscrit'),
  cloture: (s, e) => {
    if (s.statut === 'cloture' || s.statut === 'nonInscrit') return `le parcours ne peut être clôturé (statut : ${s.statut})`;
    if (e.motif === 'nonInoccupe') return `la clôture pour cause de non-inoccupation suit d’elle-même trois mois d’emploi : enregistrer le début d’emploi (fait « emploi ») (${RULES['cloture.nonInoccupe'].basis})`;
    if (e.motif === 'refus' || e.motif === 'comportement' || e.motif === 'nonCollaboration') {
      const par = s.personne?.allocataire ? 'serviceControle' : 'responsableHierarchique';
      if (e.validation?.par !== par)
        return `clôture (${e.motif}) sans la validation requise : ${par === 'serviceControle' ? 'par le Service contrôle (bénéficiaire d’allocations)' : 'par un responsable hiérarchique'} (${RULES['cloture.causes'].basis})`;
      if (e.motif === 'refus' && !e.informationPrealable) return `un refus ne clôture l’accompagnement que sur base d’une information préalable du chercheur d’emploi (${RULES['cloture.causes'].basis})`;
    }
    return avantInscription(s, e.date);
  },
  ...DEMANDE_REFUSALS,
  decisionServiceControle: (s) => (s.decisionControleAttendue ? undefined : 'aucune transmission au Service contrôle n’attend de décision'),
  emploi: (s, e) => pasEnregistre(s) ?? avantInscription(s, e.date) ?? (s.emploiDepuis ? `un emploi depuis le ${s.emploiDepuis} est déjà enregistré` : undefined),
  finEmploi: (s, e) => (!s.emploiDepuis ? 'aucun emploi en cours n’est enregistré' : e.date < s.emploiDepuis ? `la fin d’emploi précède son début (${s.emploiDepuis})` : undefined),
  nonCollaboration: (s, e) => {
    if (s.statut === 'suspendu') return 'l’accompagnement est déjà suspendu';
    if (e.nature === 'refus' && !e.informationPrealable) return `un refus de collaboration n’est formalisé qu’après que le chercheur d’emploi a été informé de ses conséquences (${RULES['suspension.nonCollaboration'].basis} ; art. 34 §1er, al. 2)`;
    return pasInscrit(s) ?? avantInscription(s, e.date);
  },
  signalementManquement: (s, e) => {
    const r = pasEnregistre(s) ?? avantInscription(s, e.date);
    if (r) return r;
    if (s.personne?.allocataire) return `pas de signalement de manquement pour un bénéficiaire d’allocations : son dossier est remis au Service contrôle (${RULES['manquement.allocataires'].basis})`;
    const minimum = lastDayOfPeriod(e.date, periodOf('manquement.delaiRaisonnable'));
    if (e.delaiRegularisation < minimum) return `délai de régularisation trop court : au moins cinq jours ouvrables, jusqu’au ${minimum} au plus tôt (${RULES['manquement.delaiRaisonnable'].basis})`;
    return s.echeances.some((x) => x.rule === 'manquement.regularisation') ? 'un signalement de manquement attend déjà sa régularisation' : undefined;
  },
  regularisation: (s) =>
    [...s.echeances, ...(s.interruption?.echeances ?? [])].some((x) => x.rule === 'manquement.regularisation') ? undefined : 'aucun signalement de manquement n’attend de régularisation',
  maintienInscription: (s, e) => pasEnregistre(s) ?? avantInscription(s, e.date),
  changementSituation: (s, e) => (s.statut === 'nonInscrit' || (s.statut === 'cloture' && !reinscriptionPossible(s)) ? `le parcours n’est pas en cours (statut : ${s.statut})` : avantInscription(s, e.date)),
  ...SUIVI_CPAS_REFUSALS,
};

/**
 * Why `event` cannot be applied to the parcours as it stands on `today`, or undefined if it can.
 * A fact is something that happened: only a sollicitation (an appointment) may be dated ahead.
 */
export function refusal(state: ParcoursState, event: FactEvent, today: CivilDate): string | undefined {
  if (event.type !== 'sollicitation' && event.date > today) return `la date ${event.date} est dans le futur (aujourd’hui : ${today})`;
  return (REFUSALS[event.type] as (s: ParcoursState, e: FactEvent) => string | undefined)(state, event);
}

type Appliers = { [T in FactType]: (step: Step, e: FactOf<T>) => void };

const fait = (step: Step, e: FactEvent, code: string, resume: string, data?: Record<string, unknown>) =>
  step.write({ date: e.date, kind: 'fait', code, resume, eventId: e.id, ...(data ? { data } : {}) });

const APPLY: Appliers = {
  inscription: (step, e) => {
    const s = step.state;
    if (s.inscription?.fin) return reinscription(step, e);
    s.statut = 'inscrit';
    s.regime = regimeOn(e.date);
    s.personne = e.personne;
    s.inscription = { date: e.date, canal: e.canal, authentifiee: e.canal !== 'telephone' };
    s.objectivee = e.canal !== 'enLigne'; // art. 6 §1: at registration by telephone or in person
    s.cpas = e.cpas ?? s.cpas;
    if (e.canalPreferentiel) s.canalPreferentiel = e.canalPreferentiel;
    fait(step, e, 'inscription', `Inscription comme chercheur d’emploi (${CANAUX[e.canal]})`, {
      canal: e.canal,
      ...(e.canalPreferentiel ? { canalPreferentiel: e.canalPreferentiel } : {}),
      ...(e.dateContactMensuel ? { dateContactMensuel: e.dateContactMensuel } : {}),
    });
    planifierPension(step, e.date);
    if (e.personne.nationalite && e.personne.nationalite !== 'BE' && e.canal !== 'presentiel') {
      // Seed 000 asks foreign nationals to register in person; art. 5 §1 opens online and telephone
      // registration to every usager, so the registration stands and the identity is checked in person.
      step.decision('inscription.etranger.presentiel', 'inscription.verificationPresentiel', `Nationalité étrangère (${e.personne.nationalite}), inscription ${CANAUX[e.canal]} : identité et titre de séjour à vérifier en présentiel`, { eventId: e.id, date: e.date });
    }
    if (s.regime === 'anterieur') step.schedule('regime.transition', ENTREE_EN_VIGUEUR_2025);
    if (e.canal === 'telephone') step.schedule('inscription.telephone.authentification', e.date);
    if (e.canal === 'enLigne') {
      if (!e.dateContactMensuel) step.schedule('inscription.enLigne.dateContact', e.date);
      step.schedule('inscription.enLigne.objectivation', e.date);
    }
    if (e.dateContactMensuel) planifierContact(step, e.date, e.dateContactMensuel);
    step.schedule('affectation.delai', e.date);
    step.schedule('proposition.delai', e.date);
    if (moinsDe30(s, e.date)) step.schedule('contact.individuel.moins30', e.date);
    step.emailCpas('inscription-enregistree', e.date, { canal: CANAUX[e.canal], dateInscription: e.date, ...nommeParLeSuivi(step, e) }, 'cpas.informationInscription');
    if (step.emailsNominatifs) informerOrienteurs(step, e);
  },
  authentification: (step, e) => {
    step.state.inscription!.authentifiee = true;
    step.cancel('inscription.telephone.authentification');
    step.write({ date: e.date, kind: 'fait', code: 'authentification', resume: 'Identité authentifiée : inscription par téléphone finalisée', eventId: e.id, legalBasis: step.basis('inscription.telephone.authentification') });
  },
  fixationContact: (step, e) => {
    step.cancel('inscription.enLigne.dateContact');
    fait(step, e, 'fixationContact', `Date du contact mensuel fixée au ${e.dateContactMensuel}`);
    planifierContact(step, e.date, e.dateContactMensuel);
  },
  objectivation: (step, e) => {
    step.state.objectivee = true;
    step.cancel('inscription.enLigne.objectivation');
    fait(step, e, 'objectivation', 'Profil objectivé');
  },
  affectation: (step, e) => {
    const s = step.state;
    s.employabilite = e.employabilite;
    step.cancel('affectation.delai');
    const type = e.accompagnement ?? typesPermis(e.employabilite, s.personne!, e.date)[0];
    assign(step, type, e.date, `Affectation (employabilité ${e.employabilite})`, 'affectation.matrice', e.id);
  },
  contactMensuel: (step, e) => {
    const s = step.state;
    fait(step, e, 'contactMensuel', `Contact mensuel${e.individuel ? ' individuel' : ''} ; prochain contact le ${e.prochaineDate}`, { individuel: e.individuel, prochaineDate: e.prochaineDate });
    step.cancel('signalAlerte.contact');
    recontactPris(step, e.date);
    if (s.regime === 'anterieur' && e.date >= ENTREE_EN_VIGUEUR_2025) {
      s.regime = 'aocs-2025';
      step.cancel('regime.transition');
      step.decision('regime.transition', 'regime.transition', 'Premier contact mensuel depuis le 1er octobre 2025 : le parcours suit désormais les règles de l’AGW du 9 octobre 2025', { eventId: e.id });
    }
    if (e.individuel) {
      s.dernierContactIndividuel = e.date;
      if (moinsDe30(s, e.date)) step.schedule('contact.individuel.moins30', e.date);
      contactIndividuelDuMois(step, e.date);
    }
    planifierContact(step, e.date, e.prochaineDate);
  },
  proposition: (step, e) => {
    step.state.propositionFaite = true;
    step.cancel('proposition.delai');
    fait(step, e, 'proposition', `Proposition (${e.nature})`, { nature: e.nature });
  },
  sollicitation: (step, e) => {
    fait(step, e, 'sollicitation', `Sollicitation (${e.nature}) pour le ${e.date}`, { nature: e.nature });
  },
  ...ABSENCE_APPLY,
  signalAlerte: (step, e) => emettreSignal(step, 'signalAlerte.contact', 'signalAlerte', e.motif, `Signal d’alerte (${e.motif})`, e),
  repriseDemandee: (step, e) => {
    const s = step.state;
    if (e.par === 'cpas') {
      s.arretCpas = undefined;
      step.cancel('reprise.cpas.delai');
      fait(step, e, 'reprise.cpas', 'Reprise de l’accompagnement conjoint demandée par le CPAS');
      if (s.statut === 'suspendu') finSuspension(step, 'Fin de la suspension à la demande du CPAS', 'reprise.cpas.delai', e.id);
      return;
    }
    finSuspension(step, 'Fin de la suspension à la demande du chercheur d’emploi', 'suspension.duree', e.id);
  },
  desinscription: (step, e) => {
    fait(step, e, 'desinscription', 'Fin de l’inscription comme chercheur d’emploi');
    finInscription(step, e.date, 'suspension.nonInscription');
  },
  cloture: (step, e) => {
    fait(step, e, 'cloture.motif', `Clôture demandée (${e.motif})${e.validation ? `, validée le ${e.validation.date} (${e.validation.par === 'serviceControle' ? 'Service contrôle' : 'responsable hiérarchique'})` : ''}`, { motif: e.motif, ...(e.validation ? { validation: e.validation } : {}) });
    const rule = e.motif === 'deces' ? 'inscription.fin.deces' : e.motif === 'pension' ? 'inscription.fin.pension' : 'cloture.causes';
    cloturer(step, e.date, e.motif, `Clôture de l’accompagnement (${MOTIFS_CLOTURE[e.motif]})`, rule, e.id);
  },
  ...DEMANDE_APPLY,
  decisionServiceControle: (step, e) => {
    const s = step.state;
    const attendue = s.decisionControleAttendue!;
    s.decisionControleAttendue = undefined;
    fait(step, e, 'decisionServiceControle', `Décision du Service contrôle (${attendue.motif}) : ${e.exclusionDefinitive ? 'exclusion définitive des allocations' : 'pas d’exclusion définitive'}`, { exclusionDefinitive: e.exclusionDefinitive });
    // Art. 30 §3 al. 2, art. 35 al. 2: only this decision ends an allowance beneficiary's registration.
    if (e.exclusionDefinitive && s.personne?.allocataire && s.inscription && !s.inscription.fin) {
      finInscription(step, e.date, 'absence.allocataires.decisionControle', { informer: true, eventId: e.id });
    } else if (s.statut === 'cloture' && s.inscription && !s.inscription.fin) {
      // The accompaniment was closed while the registration waited for this decision: it goes on.
      s.interruption = undefined;
    }
  },
  emploi: (step, e) => {
    step.state.emploiDepuis = e.date;
    fait(step, e, 'emploi', `Début d’emploi le ${e.date} : le chercheur d’emploi n’est plus inoccupé`);
    const fin = step.schedule('cloture.nonInoccupe', e.date);
    if (fin) step.decision('cloture.nonInoccupe', 'emploi.periode', `Clôture de l’accompagnement si le chercheur d’emploi n’est pas de nouveau inoccupé au ${fin.dernierJour}`, { eventId: e.id, date: e.date });
  },
  finEmploi: (step, e) => {
    const depuis = step.state.emploiDepuis;
    step.state.emploiDepuis = undefined;
    step.cancel('cloture.nonInoccupe');
    step.decision('cloture.nonInoccupe', 'emploi.fin', `Fin d’emploi le ${e.date}, moins de trois mois après son début le ${depuis} : le chercheur d’emploi est de nouveau inoccupé, la clôture n’a pas lieu`, { eventId: e.id, date: e.date });
  },
  nonCollaboration: (step, e) => {
    const p = step.state.personne!;
    fait(step, e, 'nonCollaboration', `${NON_COLLABORATION[e.nature]} constaté`, { nature: e.nature });
    if (p.stageInsertion || p.allocataire) {
      step.decision('suspension.exceptions', 'suspension.nonApplicable', `Pas de suspension automatique : ${p.stageInsertion ? 'jeune en stage d’insertion' : 'bénéficiaire d’allocations'}`, { eventId: e.id, date: e.date });
      return;
    }
    suspendre(step, e.date, 'nonCollaboration', NON_COLLABORATION[e.nature].toLowerCase(), e.id);
  },
  signalementManquement: (step, e) => {
    // Art. 4 and Code civil art. 1.7: a last day on a Saturday, Sunday or holiday moves to the next working day.
    const dernierJour = onOrNextWorkingDay(e.delaiRegularisation);
    fait(step, e, 'signalementManquement', `Signalement de manquement ; délai de régularisation jusqu’au ${dernierJour}`, { delaiRegularisation: dernierJour });
    step.scheduleOn('manquement.regularisation', e.date, dernierJour);
  },
  regularisation: (step, e) => {
    step.cancel('manquement.regularisation');
    const s = step.state;
    if (s.interruption) s.interruption = { ...s.interruption, echeances: s.interruption.echeances.filter((x) => x.rule !== 'manquement.regularisation') };
    fait(step, e, 'regularisation', 'Réaction du chercheur d’emploi dans le délai de régularisation : le signalement de manquement reste sans suite');
  },
  maintienInscription: (step, e) => {
    step.state.maintienInscription = { depuis: e.date, motif: e.motif };
    step.write({ date: e.date, kind: 'fait', code: 'maintienInscription', resume: `Maintien de l’inscription au-delà de l’âge légal de la pension (${e.motif})`, eventId: e.id, legalBasis: step.basis('inscription.fin.pension') });
  },
  changementSituation: (step, e) => {
    const s = step.state;
    const { id: _id, type: _type, date: _date, canalPreferentiel, ...flags } = e;
    if (canalPreferentiel) s.canalPreferentiel = canalPreferentiel;
    s.personne = { ...s.personne!, ...flags };
    fait(step, e, 'changementSituation', `Situation mise à jour : ${Object.entries({ canalPreferentiel, ...flags }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${v}`).join(', ')}`, { ...flags, ...(canalPreferentiel ? { canalPreferentiel } : {}) });
  },
  ...SUIVI_CPAS_APPLY,
};

const MOTIFS_CLOTURE = { refus: 'refus explicite', comportement: 'comportement fautif validé', nonCollaboration: 'non-collaboration validée', nonInoccupe: 'plus inoccupé', deces: 'décès', pension: 'admission à la pension' } as const;

const NON_COLLABORATION = { refus: 'Refus d’être accompagné', nonCollaboration: 'Collaboration insuffisante', nonCollaborationFautive: 'Non-collaboration fautive' } as const;

/** Re-registration after the end of registration (art. 33 §3, art. 32 al. 5). */
function reinscription(step: Step, e: FactOf<'inscription'>): void {
  const s = step.state;
  const fin = s.inscription!.fin!;
  s.inscription = { ...s.inscription!, fin: undefined, canal: e.canal };
  delete s.inscription.fin;
  step.cancel('cloture.nonInscription');
  fait(step, e, 'reinscription', `Réinscription (${CANAUX[e.canal]}) après la fin d’inscription du ${fin}`);
  if (e.canalPreferentiel) s.canalPreferentiel = e.canalPreferentiel;
  if (s.suspension) finSuspension(step, 'La réinscription met fin à la suspension', 'suspension.nonInscription');
  s.statut = 'inscrit';
  s.cloture = undefined;
  planifierPension(step, e.date);
  const reprises = reprendreSuivi(step, e.date);
  const detail = reprises.length ? ` ; délais repris : ${reprises.map((r) => `${r.rule} jusqu’au ${r.dernierJour}`).join(', ')}` : '';
  step.decision('reinscription.reprise', 'reinscription.reprise', `Réinscription dans les trois mois (au plus tard le ${repriseParReinscriptionJusquAu(fin)}) : le parcours reprend là où il s’était arrêté${detail}`, {
    eventId: e.id,
    ...(reprises.length ? { data: { finInscription: fin, echeancesReprises: reprises } } : {}),
  });
  // The monthly-contact date given at re-registration replaces the one interrupted.
  if (e.dateContactMensuel) planifierContact(step, e.date, e.dateContactMensuel);
  // A CPAS whose request was rejected while the registration had ended is told, as at a first registration.
  if (step.emailsNominatifs) informerOrienteurs(step, e);
}

/**
 * Who the registration e-mail to the follower is about, as the follower named the person (patch
 * `emails-cpas-nominatifs`): an e-mail that names no one cannot be acted on (issue 15). Only
 * what that CPAS gave; it stays in the e-mail, not in the state or the dossier line.
 */
function nommeParLeSuivi(step: Step, e: FactOf<'inscription'>): Record<string, string> {
  if (!step.emailsNominatifs || !e.suiviCpas || !e.cpas) return {};
  return { beneficiaire: e.suiviCpas.personne, ...(e.suiviCpas.dossier ? { dossierCpas: e.suiviCpas.dossier } : {}) };
}

/**
 * The registration is told to each CPAS that referred the person — its request was rejected
 * because the person was not registered, and the rejection asked it to come back once they are
 * (seed 000) — naming its request and the person as it named them. The follower is told of a
 * first registration by `inscription` itself.
 */
function informerOrienteurs(step: Step, e: FactOf<'inscription'>): void {
  const s = step.state;
  for (const n of orienteursEnAttente(s)) {
    if (n.cpas !== s.cpas) step.emailCpas('inscription-enregistree', e.date, { canal: CANAUX[e.canal], dateInscription: e.date, orientee: true }, 'cpas.informationInscription', n.cpas);
  }
  s.nommees = s.nommees?.map(({ attendInscription: _a, ...n }) => n);
}

function planifierContact(step: Step, from: CivilDate, date: CivilDate): void {
  step.state.prochainContact = date;
  step.scheduleOn('contact.mensuel', from, date);
}

export function applyFact(step: Step, event: FactEvent): void {
  (APPLY[event.type] as (step: Step, e: FactEvent) => void)(step, event);
}
