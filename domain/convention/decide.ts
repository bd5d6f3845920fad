/**
 * The convention's pure core: `decide(state, event, now)` gives the next state, the journal lines
 * (each with its legal basis) and the e-mails to the two contact persons. No I/O, no clock but
 * `now`: the workflow replays it deterministically.
 */
import { civilDateInBrussels, compareCivilDates, isCivilDate, type CivilDate } from '../calendar';
import { RULES, type RuleId } from '../rules';
import { anniversaire, enVigueurLe, finDuPreavis, nextDeadline, prochainRappel } from './echeances';
import type { ConventionEvent, ConventionFact } from './events';
import type { ConventionEmail, ConventionState, JournalLine, Personne } from './model';

export interface ConventionDecision {
  state: ConventionState;
  lines: JournalLine[];
  emails: ConventionEmail[];
}

const STEP: Record<ConventionFact['type'], { ruleId: RuleId; resume: (f: ConventionFact, s: ConventionState) => string }> = {
  proposition: { ruleId: 'convention.approbation', resume: () => 'Dossier de proposition conjoint déposé' },
  approbation: { ruleId: 'convention.approbation', resume: (f) => `Proposition approuvée par le comité de pilotage (${(f as { comite: string }).comite})` },
  signature: { ruleId: 'convention.vigueur', resume: () => 'Convention signée : en vigueur pour une durée indéterminée' },
  evaluation: { ruleId: 'convention.evaluation', resume: () => 'Évaluation annuelle de la coopération tenue ; compte-rendu validé par les parties' },
  avenant: { ruleId: 'convention.vigueur', resume: (f) => `Avenant signé par les parties : ${(f as { objet: string }).objet}` },
  denonciation: {
    ruleId: 'convention.preavis',
    resume: (f, s) => `Convention dénoncée par ${(f as { par: string }).par === 'forem' ? 'le Forem' : 'le CPAS'} par courrier recommandé ; préavis jusqu’au ${s.denonciation?.finPreavis} inclus`,
  },
};

/** Why a fact cannot be recorded now, in words for the back-office; undefined when it can. */
export function refusalAt(state: ConventionState, fact: ConventionFact, now: number): string | undefined {
  if (!isCivilDate(fact.date)) return 'date : date civile attendue (AAAA-MM-JJ)';
  if (compareCivilDates(fact.date, civilDateInBrussels(now)) > 0) return 'date : un fait ne peut pas être daté dans le futur';
  const after = (d: CivilDate | undefined, what: string) => (d && compareCivilDates(fact.date, d) < 0 ? `date : antérieure à ${what} (${d})` : undefined);
  switch (fact.type) {
    case 'proposition':
      if (state.statut !== 'proposee') return 'la proposition est déjà approuvée : une modification passe par un avenant (art. 8)';
      if (fact.proposition.cpas !== state.cpas) return `proposition.cpas : la convention est celle du CPAS ${state.cpas}`;
      return undefined;
    case 'approbation':
      return state.statut !== 'proposee' || !state.proposition ? 'seul un dossier de proposition déposé et non encore approuvé peut être approuvé' : undefined;
    case 'signature':
      return state.statut !== 'approuvee' ? 'seule une proposition approuvée par le comité de pilotage peut être signée' : after(state.approuveeLe, 'l’approbation');
    case 'evaluation':
    case 'avenant':
      return state.statut !== 'enVigueur' && state.statut !== 'denoncee' ? 'la convention n’est pas en vigueur' : after(state.signeeLe, 'la signature');
    case 'denonciation':
      return state.statut !== 'enVigueur' ? 'seule une convention en vigueur, non encore dénoncée, peut être dénoncée' : after(state.signeeLe, 'la signature');
  }
}

export function decide(state: ConventionState, event: ConventionEvent, now: number): ConventionDecision {
  const lines: JournalLine[] = [];
  const emails: ConventionEmail[] = [];
  let s: ConventionState = { ...state };
  const line = (date: CivilDate, code: string, resume: string, ruleId: RuleId, extra: Partial<JournalLine> = {}) => {
    s = { ...s, journalSeq: s.journalSeq + 1 };
    lines.push({ seq: s.journalSeq, date, code, resume, ruleId, basis: RULES[ruleId].basis, ...extra });
    return s.journalSeq;
  };
  const toContacts = (seq: number, template: ConventionEmail['template'], date: CivilDate, data: ConventionEmail['data'], ruleId: RuleId) => {
    const contacts = s.proposition?.contacts;
    if (!contacts) return;
    (['cpas', 'forem'] as const).forEach((side) => {
      const destinataire: Personne = contacts[side];
      emails.push({ key: `convention-${s.cpas}:${seq}:${side}`, template, destinataire, date, data: { ...data, cpas: s.cpas }, legalBasis: { ruleId, basis: RULES[ruleId].basis } });
    });
  };

  if (event.type === 'horloge') {
    const today = civilDateInBrussels(now);
    for (let next = nextDeadline(s); next && next.expire <= now; next = nextDeadline(s)) {
      if (next.type === 'finPreavis') {
        const fin = s.denonciation!.finPreavis;
        s = { ...s, statut: 'terminee' };
        const seq = line(today, 'convention.terminee', `Fin du préavis le ${fin} : la convention a pris fin ; le CPAS n’introduit plus de nouvelle demande, les demandes ouvertes vont à leur terme`, 'convention.finPreavis', { data: { finPreavis: fin } });
        toContacts(seq, 'convention-fin-preavis', today, { finPreavis: fin, motif: s.denonciation!.motif }, 'convention.finPreavis');
      } else {
        const r = prochainRappel(s)!;
        s = { ...s, rappelsApres: r.date };
        const resume = r.moment === 'avant' ? `Rappel : évaluation annuelle à tenir le ${r.anniversaire} (dans 30 jours)` : `Rappel : évaluation annuelle à tenir ce jour (${r.anniversaire})`;
        const seq = line(r.date, 'convention.rappelEvaluation', resume, 'convention.rappel', { data: { anniversaire: r.anniversaire, annee: r.annee, moment: r.moment } });
        toContacts(seq, 'convention-rappel-evaluation', r.date, { anniversaire: r.anniversaire, annee: r.annee, signeeLe: s.signeeLe!, periodeDu: anniversaire(s.signeeLe!, r.annee - 1), periodeAu: r.anniversaire }, 'convention.rappel');
      }
    }
    return { state: s, lines, emails };
  }

  // A fact already decided (a retried Update) changes nothing the second time.
  if (s.eventIds.includes(event.id)) return { state, lines, emails };
  const reason = refusalAt(s, event, now);
  if (reason) throw new RangeError(reason);
  s = { ...s, eventIds: [...s.eventIds, event.id] };
  switch (event.type) {
    case 'proposition':
      s = { ...s, proposition: event.proposition };
      break;
    case 'approbation':
      s = { ...s, statut: 'approuvee', approuveeLe: event.date };
      break;
    case 'signature':
      // Reminders start with the first anniversary still ahead when the signature reaches the workflow.
      s = { ...s, statut: 'enVigueur', signeeLe: event.date, rappelsApres: civilDateInBrussels(now) };
      break;
    case 'evaluation':
      s = { ...s, evaluations: [...s.evaluations, event.date] };
      break;
    case 'avenant':
      s = { ...s, avenants: s.avenants + 1 };
      break;
    case 'denonciation':
      s = { ...s, statut: 'denoncee', denonciation: { dateCourrier: event.date, par: event.par, motif: event.motif, finPreavis: finDuPreavis(event.date) } };
      break;
  }
  const step = STEP[event.type];
  const data: JournalLine['data'] = event.type === 'denonciation' ? { par: event.par, finPreavis: s.denonciation!.finPreavis } : event.type === 'avenant' ? { numero: s.avenants } : undefined;
  line(event.date, `convention.${event.type}`, step.resume(event, s), step.ruleId, { eventId: event.id, ...(data ? { data } : {}) });
  return { state: s, lines, emails };
}

export function isFinished(state: ConventionState): boolean {
  return state.statut === 'terminee';
}

export { enVigueurLe };
