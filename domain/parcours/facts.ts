/**
 * What each fact does to a parcours, and why a fact may be refused in the state the parcours is
 * in. `refusal` is also what the API's validators answer with (409), so nothing is accepted and
 * then silently dropped.
 */
import type { CivilDate } from '../calendar';
import { ENTREE_EN_VIGUEUR_2025, RULES, regimeOn } from '../rules';
import { assign, contactIndividuelDuMois, moinsDe30, typesPermis, TYPES_ACCOMPAGNEMENT } from './accompagnement';
import { DEMANDE_APPLY, DEMANDE_REFUSALS } from './demande';
import { SUIVI_CPAS_APPLY, SUIVI_CPAS_REFUSALS } from './suivi-cpas';
import type { FactEvent, FactOf, FactType } from './events';
import { absenceNonJustifiee, cloturer, finInscription, finSuspension, rendezVousAuPlusTot, reprendreSuivi, repriseParReinscriptionJusquAu } from './lifecycle';
import type { ParcoursState } from './model';
import type { Step } from './step';

const CANAUX = { enLigne: 'en ligne', telephone: 'par téléphone', presentiel: 'en présentiel' } as const;

const pasInscrit = (s: ParcoursState) => (s.statut === 'inscrit' ? undefined : `le parcours n’est pas en cours (statut : ${s.statut})`);
const avantInscription = (s: ParcoursState, date: CivilDate) =>
  s.inscription && date < s.inscription.date ? `la date ${date} précède l’inscription du ${s.inscription.date}` : undefined;

type Refusals = { [T in FactType]: (s: ParcoursState, e: FactOf<T>) => string | undefined };

const REFUSALS: Refusals = {
  inscription: (s, e) => {
    if (s.statut === 'inscrit' || s.statut === 'suspendu' && !s.inscription?.fin) return 'le chercheur d’emploi est déjà inscrit';
    if (s.statut === 'cloture') return 'le parcours est clôturé ; une nouvelle inscription ouvre un nouveau parcours';
    if (s.inscription?.fin && e.date < s.inscription.fin) return `la réinscription ne peut précéder la fin d’inscription du ${s.inscription.fin}`;
    if (e.canal !== 'enLigne' && !e.dateContactMensuel && !s.inscription)
      return `la date du premier contact mensuel est fixée à l’inscription par téléphone ou en présentiel (${RULES['inscription.dateContact.fixee'].basis})`;
    if (e.dateContactMensuel && e.dateContactMensuel < e.date) return 'la date du contact mensuel précède l’inscription';
    return undefined;
  },
  authentification: (s, e) => {
    if (s.statut !== 'inscrit' || s.inscription?.canal !== 'telephone' || s.inscription.authentifiee) return 'aucune inscription par téléphone n’attend d’authentification';
    return avantInscription(s, e.date);
  },
  fixationContact: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date) ?? (e.dateContactMensuel < e.date ? 'la date du contact mensuel est dans le passé' : undefined),
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
  contactMensuel: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date) ?? (e.prochaineDate <= e.date ? 'la date du prochain contact doit suivre celle du contact' : undefined),
  proposition: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  sollicitation: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  absence: (s, e) => {
    if (s.statut === 'suspendu') return 'l’accompagnement est suspendu : aucune sollicitation n’est en cours';
    const r = pasInscrit(s) ?? avantInscription(s, e.date);
    if (r) return r;
    if (s.absence && s.absence.etape !== 'recommande') return `l’absence du ${s.absence.dateSollicitation} est encore en cours de traitement`;
    return undefined;
  },
  justification: (s) => {
    if (s.absence?.etape !== 'justification') return 'aucune absence n’attend de justification (délai de cinq jours ouvrables écoulé ou absence non enregistrée)';
    return undefined;
  },
  reconvocation: (s, e) => {
    const r = pasInscrit(s);
    if (r) return r;
    if (e.dateRendezVous <= e.date) return 'le rendez-vous doit suivre l’envoi';
    if (e.mode === 'ordinaire') return s.absence?.etape === 'reconvocationForem' ? undefined : 'aucune absence pour motif prévisible n’attend de nouvelle convocation';
    if (s.absence?.etape !== 'recommande') return 'aucune absence non justifiée n’appelle de sollicitation par recommandé';
    const auPlusTot = rendezVousAuPlusTot(e.date, e.mode);
    if (e.dateRendezVous < auPlusTot)
      return `rendez-vous trop tôt : au plus tôt le ${auPlusTot} pour un recommandé ${e.mode === 'recommandePostal' ? 'postal' : 'électronique'} envoyé le ${e.date} (${RULES['absence.recommande.postal'].basis})`;
    return undefined;
  },
  signalAlerte: (s, e) => pasInscrit(s) ?? avantInscription(s, e.date),
  repriseDemandee: (s, e) => {
    if (e.par === 'ce') return s.statut === 'suspendu' ? undefined : 'l’accompagnement n’est pas suspendu';
    if (!s.arretCpas) return 'aucun accompagnement conjoint n’a été arrêté';
    const { dateSuspension, repriseLe } = s.arretCpas;
    if (e.date < repriseLe) return `reprise demandée trop tôt : le CPAS peut la demander à partir du ${repriseLe}, sept mois après la suspension du ${dateSuspension} (${RULES['reprise.cpas.delai'].basis})`;
    return undefined;
  },
  desinscription: (s, e) => (s.statut === 'inscrit' || (s.statut === 'suspendu' && !s.inscription?.fin) ? avantInscription(s, e.date) : 'le chercheur d’emploi n’est pas inscrit'),
  cloture: (s) => (s.statut === 'cloture' || s.statut === 'nonInscrit' ? `le parcours ne peut être clôturé (statut : ${s.statut})` : undefined),
  ...DEMANDE_REFUSALS,
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
    fait(step, e, 'inscription', `Inscription comme chercheur d’emploi (${CANAUX[e.canal]})`, { canal: e.canal, ...(e.dateContactMensuel ? { dateContactMensuel: e.dateContactMensuel } : {}) });
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
    step.emailCpas('inscription-enregistree', e.date, { canal: CANAUX[e.canal], dateInscription: e.date }, 'cpas.informationInscription');
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
    if (s.absence?.etape === 'recontact') {
      s.absence = undefined;
      step.cancel('absence.motifPrevisible.recontact');
    }
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
  absence: (step, e) => {
    const s = step.state;
    s.absence = { dateSollicitation: e.date, etape: 'justification' };
    fait(step, e, 'absence', `Absence à la sollicitation du ${e.date}`);
    step.schedule('absence.justification', e.date);
  },
  justification: (step, e) => {
    const s = step.state;
    const date = s.absence!.dateSollicitation;
    step.cancel('absence.justification');
    if (!e.admise) {
      fait(step, e, 'justification.nonAdmise', `Justification de l’absence du ${date} non admise`);
      return absenceNonJustifiee(step, date, 'justification non admise');
    }
    fait(step, e, 'justification.admise', `Justification de l’absence du ${date} admise${e.motifPrevisible ? ' (motif prévisible)' : ''}`);
    if (e.motifPrevisible) {
      s.absence = { dateSollicitation: date, etape: 'recontact' };
      step.schedule('absence.motifPrevisible.recontact', date);
    } else {
      s.absence = undefined;
    }
  },
  reconvocation: (step, e) => {
    const s = step.state;
    step.cancel('absence.reconvocation');
    s.absence = undefined;
    const mode = { recommandePostal: 'recommandé postal', recommandeElectronique: 'recommandé électronique', ordinaire: 'convocation' }[e.mode];
    fait(step, e, 'reconvocation', `Nouvelle sollicitation (${mode}) envoyée le ${e.date} pour le ${e.dateRendezVous}`, { mode: e.mode, dateRendezVous: e.dateRendezVous });
  },
  signalAlerte: (step, e) => {
    step.write({ date: e.date, kind: 'signalAlerte', code: 'signalAlerte', resume: `Signal d’alerte (${e.motif}) : contact dans les trois jours ouvrables`, eventId: e.id, legalBasis: step.basis('signalAlerte.contact'), data: { motif: e.motif } });
    step.schedule('signalAlerte.contact', e.date);
  },
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
    finInscription(step, e.date, 'cloture.nonInscription');
  },
  cloture: (step, e) => {
    fait(step, e, 'cloture.motif', `Clôture demandée (${e.motif})`, { motif: e.motif });
    cloturer(step, `Clôture de l’accompagnement (${e.motif})`, 'cloture.causes', e.id);
  },
  ...DEMANDE_APPLY,
  ...SUIVI_CPAS_APPLY,
};

/** Re-registration after the end of registration (art. 33 §3, art. 32 al. 5). */
function reinscription(step: Step, e: FactOf<'inscription'>): void {
  const s = step.state;
  const fin = s.inscription!.fin!;
  s.inscription = { ...s.inscription!, fin: undefined, canal: e.canal };
  delete s.inscription.fin;
  step.cancel('cloture.nonInscription');
  fait(step, e, 'reinscription', `Réinscription (${CANAUX[e.canal]}) après la fin d’inscription du ${fin}`);
  if (s.suspension) finSuspension(step, 'La réinscription met fin à la suspension', 'suspension.nonInscription');
  s.statut = 'inscrit';
  const reprises = reprendreSuivi(step, e.date);
  const detail = reprises.length ? ` ; délais repris : ${reprises.map((r) => `${r.rule} jusqu’au ${r.dernierJour}`).join(', ')}` : '';
  step.decision('reinscription.reprise', 'reinscription.reprise', `Réinscription dans les trois mois (au plus tard le ${repriseParReinscriptionJusquAu(fin)}) : le parcours reprend là où il s’était arrêté${detail}`, {
    eventId: e.id,
    ...(reprises.length ? { data: { finInscription: fin, echeancesReprises: reprises } } : {}),
  });
  // The monthly-contact date given at re-registration replaces the one interrupted.
  if (e.dateContactMensuel) planifierContact(step, e.date, e.dateContactMensuel);
}

function planifierContact(step: Step, from: CivilDate, date: CivilDate): void {
  step.state.prochainContact = date;
  step.scheduleOn('contact.mensuel', from, date);
}

export function applyFact(step: Step, event: FactEvent): void {
  (APPLY[event.type] as (step: Step, e: FactEvent) => void)(step, event);
}
