/**
 * Absences (art. 29–31; spec §7): one chain per missed sollicitation. Art. 30 §3 applies only to
 * the absence at the sollicitation *by registered letter* of §2 (« à la suite de la sollicitation
 * visée au paragraphe 2 »); an absence at any other sollicitation starts a chain of its own,
 * however many came before.
 */
import { addDays, lastDayOfPeriod, type CivilDate } from '../calendar';
import { periodOf, RULES } from '../rules';
import { avertirCpas, demandeParReference } from './demande';
import type { FactOf } from './events';
import { emettreSignal } from './signaux';
import { issueArticle30, rendezVousAuPlusTot } from './lifecycle';
import type { ChaineAbsence, Echeance, ParcoursState } from './model';
import type { Step } from './step';

const JUSTIFICATION = 'absence.justification';
const RECONTACT = 'absence.motifPrevisible.recontact';
const RECONVOCATION = 'absence.reconvocation';

/** The date the CE was absent at: the first sollicitation, or the registered letter's appointment. */
const dateAbsence = (c: ChaineAbsence): CivilDate => (c.etape === 'justificationRecommande' ? c.rendezVous! : c.dateSollicitation);

const attendJustification = (c: ChaineAbsence) => c.etape === 'justification' || c.etape === 'justificationRecommande';

/**
 * The chain a fact is about: the one it names by the date of its first absence, else the only one
 * in a fitting step. Returns a reason when there is none, or several to choose from.
 */
function chaineVisee(s: ParcoursState, dateSollicitation: CivilDate | undefined, fits: (c: ChaineAbsence) => boolean, quoi: string): ChaineAbsence | string {
  const candidates = s.absences.filter(fits);
  if (dateSollicitation !== undefined) {
    return candidates.find((c) => c.dateSollicitation === dateSollicitation) ?? `aucune absence du ${dateSollicitation} n’attend ${quoi}`;
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) return `aucune absence n’attend ${quoi}`;
  return `plusieurs absences attendent ${quoi} (${candidates.map((c) => c.dateSollicitation).join(', ')}) : préciser dateSollicitation`;
}

const chaineAuRendezVous = (s: ParcoursState, date: CivilDate) => s.absences.find((c) => c.etape === 'rendezVousRecommande' && c.rendezVous === date);
/** A chain whose registered appointment an absence of that day was taken for. */
const chaineAbsenteLe = (s: ParcoursState, date: CivilDate) => s.absences.find((c) => c.etape === 'justificationRecommande' && c.rendezVous === date);

export const ABSENCE_REFUSALS = {
  absence: (s: ParcoursState, e: FactOf<'absence'>): string | undefined => {
    if (s.statut === 'suspendu') return 'l’accompagnement est suspendu : aucune sollicitation n’est en cours';
    if (s.statut !== 'inscrit') return `le parcours n’est pas en cours (statut : ${s.statut})`;
    if (s.inscription && e.date < s.inscription.date) return `la date ${e.date} précède l’inscription du ${s.inscription.date}`;
    if (!chaineAuRendezVous(s, e.date) && s.absences.some((c) => c.dateSollicitation === e.date)) return `une absence du ${e.date} est déjà enregistrée`;
    if (e.reference !== undefined) {
      const d = demandeParReference(s, e.reference);
      if (!d) return `aucune demande de référence ${e.reference} dans ce parcours`;
      if (d.statut !== 'traitee') return `la demande ${e.reference} n’a pas de prestation réservée (statut : ${d.statut})`;
    }
    return undefined;
  },
  presence: (s: ParcoursState, e: FactOf<'presence'>): string | undefined => {
    if (s.statut !== 'inscrit') return `le parcours n’est pas en cours (statut : ${s.statut})`;
    if (s.inscription && e.date < s.inscription.date) return `la date ${e.date} précède l’inscription du ${s.inscription.date}`;
    return undefined;
  },
  justification: (s: ParcoursState, e: FactOf<'justification'>): string | undefined => {
    const c = chaineVisee(s, e.dateSollicitation, attendJustification, 'de justification (délai de cinq jours ouvrables écoulé ou absence non enregistrée)');
    if (typeof c === 'string') return c;
    if (e.date < dateAbsence(c)) return `la justification du ${e.date} précède l’absence du ${dateAbsence(c)}`;
    return undefined;
  },
  reconvocation: (s: ParcoursState, e: FactOf<'reconvocation'>): string | undefined => {
    if (s.statut !== 'inscrit') return `le parcours n’est pas en cours (statut : ${s.statut})`;
    if (e.dateRendezVous <= e.date) return 'le rendez-vous doit suivre l’envoi';
    if (e.mode === 'ordinaire') {
      const c = chaineVisee(s, e.dateSollicitation, (x) => x.etape === 'reconvocationForem' || x.etape === 'recontact', 'de nouvelle convocation pour motif prévisible');
      return typeof c === 'string' ? c : undefined;
    }
    const c = chaineVisee(s, e.dateSollicitation, (x) => x.etape === 'recommande', 'de sollicitation par recommandé (absence non justifiée)');
    if (typeof c === 'string') return c;
    if (e.date < c.nonJustifieeLe!) return `le recommandé ne peut précéder le ${c.nonJustifieeLe}, jour où l’absence du ${c.dateSollicitation} est devenue non justifiée`;
    if (e.mode === 'recommandeElectronique' && s.canalPreferentiel !== 'email') {
      return `recommandé électronique possible seulement pour un chercheur d’emploi dont le canal préférentiel est le courrier électronique (canal : ${s.canalPreferentiel ?? 'non renseigné'} — ${RULES['absence.recommande.electronique'].basis})`;
    }
    const auPlusTot = rendezVousAuPlusTot(e.date, e.mode);
    if (e.dateRendezVous < auPlusTot) {
      return `rendez-vous trop tôt : au plus tôt le ${auPlusTot} pour un recommandé ${e.mode === 'recommandePostal' ? 'postal' : 'électronique'} envoyé le ${e.date} (${RULES['absence.recommande.postal'].basis})`;
    }
    return undefined;
  },
};

const fait = (step: Step, e: FactOf<'absence' | 'presence' | 'justification' | 'reconvocation'>, code: string, resume: string, data?: Record<string, unknown>) =>
  step.write({ date: e.date, kind: 'fait', code, resume, eventId: e.id, ...(data ? { data } : {}) });

function remplacer(step: Step, c: ChaineAbsence, next: ChaineAbsence | undefined): void {
  const s = step.state;
  s.absences = next ? s.absences.map((x) => (x.dateSollicitation === c.dateSollicitation ? next : x)) : s.absences.filter((x) => x.dateSollicitation !== c.dateSollicitation);
}

export const ABSENCE_APPLY = {
  absence: (step: Step, e: FactOf<'absence'>) => {
    const s = step.state;
    const recommande = chaineAuRendezVous(s, e.date);
    if (recommande) {
      remplacer(step, recommande, { ...recommande, etape: 'justificationRecommande', ...(e.reference ? { reference: e.reference } : {}) });
      fait(step, e, 'absence.recommande', `Absence au rendez-vous du ${e.date} fixé par recommandé (absence initiale du ${recommande.dateSollicitation})`, { dateSollicitation: recommande.dateSollicitation });
      step.scheduleKeyed(JUSTIFICATION, e.date, recommande.dateSollicitation);
    } else {
      s.absences = [...s.absences, { dateSollicitation: e.date, etape: 'justification', ...(e.reference ? { reference: e.reference } : {}) }];
      fait(step, e, 'absence', `Absence à la sollicitation du ${e.date}${e.reference ? ` (prestation de la demande ${e.reference})` : ''}`, e.reference ? { reference: e.reference } : undefined);
      step.scheduleKeyed(JUSTIFICATION, e.date, e.date);
    }
    absencesRepetees(step, e.date);
  },

  presence: (step: Step, e: FactOf<'presence'>) => {
    const s = step.state;
    fait(step, e, 'presence', `Présence à la sollicitation du ${e.date}`);
    const absente = chaineAbsenteLe(s, e.date);
    if (absente) {
      // Present at the registered appointment: the absence recorded that day was at another
      // sollicitation, which starts a chain of its own with its five working days (art. 30 §1).
      step.cancelKey(JUSTIFICATION, absente.dateSollicitation);
      remplacer(step, absente, undefined);
      s.absences = [...s.absences, { dateSollicitation: e.date, etape: 'justification', ...(absente.reference ? { reference: absente.reference } : {}) }];
      step.scheduleKeyed(JUSTIFICATION, e.date, e.date);
      step.decision('absence.chaine', 'absence.chaine.close', `Présence au rendez-vous du ${e.date} fixé par recommandé : l’absence du ${absente.dateSollicitation} reste sans autre suite ; l’absence enregistrée ce jour-là concerne une autre sollicitation`, {
        eventId: e.id,
        data: { dateSollicitation: absente.dateSollicitation },
      });
      return;
    }
    const c = chaineAuRendezVous(s, e.date);
    if (!c) return;
    remplacer(step, c, undefined);
    step.decision('absence.chaine', 'absence.chaine.close', `Présence au rendez-vous fixé par recommandé : l’absence du ${c.dateSollicitation} reste sans autre suite`, {
      eventId: e.id,
      data: { dateSollicitation: c.dateSollicitation },
    });
  },

  justification: (step: Step, e: FactOf<'justification'>) => {
    const c = chaineVisee(step.state, e.dateSollicitation, attendJustification, '') as ChaineAbsence;
    const date = dateAbsence(c);
    if (!e.admise) {
      // Art. 30 §1, 31 §1 1°: the CE has until the fifth working day to send a justification; a
      // refused one does not take the remaining days away. The absence becomes unjustified after them.
      fait(step, e, 'justification.nonAdmise', `Justification de l’absence du ${date} non admise ; une autre peut encore être remise jusqu’au ${step.pending(JUSTIFICATION, c.dateSollicitation)?.dernierJour}`, { dateSollicitation: c.dateSollicitation });
      return remplacer(step, c, { ...c, justificationNonAdmise: e.date });
    }
    step.cancelKey(JUSTIFICATION, c.dateSollicitation);
    fait(step, e, 'justification.admise', `Justification de l’absence du ${date} admise${e.motifPrevisible ? ' (motif prévisible)' : ''}`, { dateSollicitation: c.dateSollicitation });
    if (!e.motifPrevisible) return remplacer(step, c, undefined);
    // Art. 31 §2: the CE re-contacts the Forem within five working days of the missed date.
    remplacer(step, c, { dateSollicitation: c.dateSollicitation, etape: 'recontact', ...(c.reference ? { reference: c.reference } : {}) });
    step.scheduleKeyed(RECONTACT, date, c.dateSollicitation);
  },

  reconvocation: (step: Step, e: FactOf<'reconvocation'>) => {
    const modeLabel = { recommandePostal: 'recommandé postal', recommandeElectronique: 'recommandé électronique', ordinaire: 'convocation' }[e.mode];
    if (e.mode === 'ordinaire') {
      const c = chaineVisee(step.state, e.dateSollicitation, (x) => x.etape === 'reconvocationForem' || x.etape === 'recontact', '') as ChaineAbsence;
      step.cancelKey(RECONVOCATION, c.dateSollicitation);
      step.cancelKey(RECONTACT, c.dateSollicitation);
      remplacer(step, c, undefined);
      fait(step, e, 'reconvocation', `Nouvelle sollicitation (${modeLabel}) envoyée le ${e.date} pour le ${e.dateRendezVous}`, { mode: e.mode, dateRendezVous: e.dateRendezVous, dateSollicitation: c.dateSollicitation });
      return;
    }
    const c = chaineVisee(step.state, e.dateSollicitation, (x) => x.etape === 'recommande', '') as ChaineAbsence;
    remplacer(step, c, { ...c, etape: 'rendezVousRecommande', rendezVous: e.dateRendezVous });
    fait(step, e, 'reconvocation', `Nouvelle sollicitation (${modeLabel}) envoyée le ${e.date} pour le ${e.dateRendezVous}, suite à l’absence du ${c.dateSollicitation}`, {
      mode: e.mode,
      dateRendezVous: e.dateRendezVous,
      dateSollicitation: c.dateSollicitation,
    });
  },
};

/** A monthly contact is the re-contact art. 31 §2 asks for: the chains waiting for it end. */
export function recontactPris(step: Step, date: CivilDate): void {
  for (const c of step.state.absences.filter((x) => x.etape === 'recontact' && x.dateSollicitation <= date)) {
    step.cancelKey(RECONTACT, c.dateSollicitation);
    remplacer(step, c, undefined);
  }
}

/**
 * The absence became unjustified on `le` (art. 30 §1: the day after the five working days, with
 * no justification or none admitted): a registered letter is owed (§2), or, at the
 * registered letter's appointment, the outcome of §3 — counted from that same day (spec §7.5).
 */
function nonJustifiee(step: Step, c: ChaineAbsence, le: CivilDate, motif: string): void {
  if (c.etape === 'justificationRecommande') {
    remplacer(step, c, undefined);
    return issueArticle30(step, le, c.rendezVous!, c.dateSollicitation);
  }
  const { justificationNonAdmise: _j, ...reste } = c;
  remplacer(step, c, { ...reste, etape: 'recommande', nonJustifieeLe: le });
  step.decision('absence.recommande.postal', 'absence.nonJustifiee', `Absence du ${c.dateSollicitation} non justifiée le ${le} (${motif}) : nouvelle sollicitation par recommandé, rendez-vous au plus tôt le 21e jour (postal) ou le 15e jour (électronique) après l’envoi`, {
    date: le,
    data: { dateSollicitation: c.dateSollicitation, nonJustifieeLe: le },
  });
  if (c.reference) avertirCpas(step, c.reference, c.dateSollicitation, le);
}

/** Spec §6 Decision (art. 39 §1 1° a): a second absence, justified or not, within three months of another. */
function absencesRepetees(step: Step, date: CivilDate): void {
  const s = step.state;
  const precedente = s.derniereAbsence;
  if (!precedente || date > precedente) s.derniereAbsence = date;
  if (!precedente || date < precedente || date > lastDayOfPeriod(precedente, periodOf('signalAlerte.absencesRepetees'))) return;
  emettreSignal(step, 'signalAlerte.absencesRepetees', 'signal.absencesRepetees', 'absencesRepetees', `Absences répétées : absence du ${date} moins de trois mois après celle du ${precedente}`);
}

type OnExpiry = (step: Step, e: Echeance) => void;

export const ABSENCE_EXPIRIES: Record<typeof JUSTIFICATION | typeof RECONTACT | typeof RECONVOCATION, OnExpiry> = {
  [JUSTIFICATION]: (step, e) => {
    const c = step.state.absences.find((x) => x.dateSollicitation === e.cle && attendJustification(x));
    if (!c) return;
    // Spec §6 Decision (art. 39 §1 1° c): a justification period that ends with nothing received;
    // at the registered letter's appointment, the outcome of art. 30 §3 follows instead.
    if (c.etape === 'justification' && !c.justificationNonAdmise) emettreSignal(step, 'signalAlerte.absenceReponse', 'signal.absenceReponse', 'absenceReponse', `Absence de réponse : aucun justificatif reçu pour l’absence du ${dateAbsence(c)} au ${e.dernierJour}`);
    nonJustifiee(step, c, addDays(e.dernierJour, 1), c.justificationNonAdmise ? `justification du ${c.justificationNonAdmise} non admise` : `aucun justificatif au ${e.dernierJour}`);
  },

  [RECONTACT]: (step, e) => {
    const c = step.state.absences.find((x) => x.dateSollicitation === e.cle && x.etape === 'recontact');
    if (!c) return;
    step.write({ date: step.today, kind: 'elementDefavorable', code: 'recontact.manque', resume: `Motif prévisible : le chercheur d’emploi n’a pas recontacté le Forem au ${e.dernierJour}`, legalBasis: step.basis(e.rule), data: { dateSollicitation: c.dateSollicitation } });
    remplacer(step, c, { ...c, etape: 'reconvocationForem' });
    step.scheduleKeyed(RECONVOCATION, e.depuis, c.dateSollicitation);
  },

  [RECONVOCATION]: (step, e) => {
    const c = step.state.absences.find((x) => x.dateSollicitation === e.cle);
    if (c) remplacer(step, c, undefined);
    step.write({ date: step.today, kind: 'signalAlerte', code: 'reconvocation.horsDelai', resume: `Pas de nouvelle convocation dans les quinze jours ouvrables du rendez-vous manqué du ${e.depuis} (dernier jour ${e.dernierJour})`, legalBasis: step.basis(e.rule), data: { dernierJour: e.dernierJour } });
  },
};
