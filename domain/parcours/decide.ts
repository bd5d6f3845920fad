/**
 * The functional core of a parcours: `decide(state, event, now) → { state, effects }` and
 * `nextDeadline(state)`. Pure and deterministic: the workflow calls it with workflow time, the
 * unit tests with any instant. Every decision written to the dossier names its rule and basis.
 * A fact applies at its date: one recorded late re-decides what followed (rectification.ts).
 */
import { civilDateInBrussels } from '../calendar';
import type { FactEvent, ParcoursEvent } from './events';
import { ON_EXPIRY } from './expiries';
import { applyFact, refusal } from './facts';
import type { Decision, Echeance, ParcoursState } from './model';
import { fenetreInitiale, RECTIFICATION_MOIS_PAR_DEFAUT, rectifier, tropAncien } from './rectification';
import { CURRENT_OPTIONS, REMEMBERED_EVENT_IDS, Step, type DecideOptions } from './step';

export { refusal, CURRENT_OPTIONS, type DecideOptions };

/** One step: `event` applied to `state` at `now`, then the deadlines run out by then, in order. */
function etape(state: ParcoursState, event: ParcoursEvent, now: number, options: DecideOptions): Decision {
  const step = new Step(state, now, options);
  if (event.type !== 'horloge') {
    if (state.eventIds.includes(event.id)) return { state, effects: [] };
    step.remember(event.id);
    const reason = refusal(step.state, event, step.today);
    if (reason) {
      step.write({ date: step.today, kind: 'fait', code: `${event.type}.refuse`, resume: `Événement refusé : ${reason}`, eventId: event.id });
    } else {
      applyFact(step, event);
    }
  }
  for (let due = step.takeDue(); due; due = step.takeDue()) ON_EXPIRY[due.rule]?.(step, due);
  return step.result();
}

export function decide(state: ParcoursState, event: ParcoursEvent, now: number, options: DecideOptions = CURRENT_OPTIONS): Decision {
  const mois = options.rectificationMois ?? RECTIFICATION_MOIS_PAR_DEFAUT;
  if (event.type !== 'horloge') {
    if (state.eventIds.includes(event.id) || state.fenetre?.faits.some((f) => f.fait.id === event.id)) return { state, effects: [] };
    const ancien = tropAncien(event, now, mois);
    if (ancien) return refuser(state, event, now, ancien);
  }
  // A parcours carried over from the 2026-11 core re-decides only what comes after the carry-over.
  const courant = state.fenetre ? state : { ...state, fenetre: fenetreInitiale(state, state.journalSeq === 0 ? null : now) };
  return rectifier((s, e, t) => etape(s, e, t, options), courant, event, now, mois);
}

/** A fact refused before it enters the window (too old to apply at its date): one line, nothing else. */
function refuser(state: ParcoursState, event: FactEvent, now: number, reason: string): Decision {
  const entry = { seq: state.journalSeq + 1, date: civilDateInBrussels(now), kind: 'fait' as const, code: `${event.type}.refuse`, resume: `Événement refusé : ${reason}`, eventId: event.id };
  const next: ParcoursState = { ...state, journalSeq: entry.seq, eventIds: [...state.eventIds, event.id].slice(-REMEMBERED_EVENT_IDS), recent: [...state.recent, entry].slice(-30) };
  return { state: next, effects: [{ type: 'dossier', entry }] };
}

/** Why `event` would be refused if recorded now, or undefined: the API's validator answers with it (409). */
export function refusalAt(state: ParcoursState, event: FactEvent, now: number, options: DecideOptions = CURRENT_OPTIONS): string | undefined {
  return refusalIn(decide(state, event, now, options), event);
}

/** Why `decision` refuses `event`, or undefined when it takes it. */
export function refusalIn(decision: Decision, event: FactEvent): string | undefined {
  const refus = decision.effects.find((e) => e.type === 'dossier' && e.entry.eventId === event.id && e.entry.code === `${event.type}.refuse`);
  return refus?.type === 'dossier' ? refus.entry.resume.replace(/^Événement refusé : /, '') : undefined;
}

/** The earliest pending deadline, which the workflow waits for. */
export function nextDeadline(state: ParcoursState): Echeance | undefined {
  return state.echeances.reduce<Echeance | undefined>((min, e) => (!min || e.expire < min.expire ? e : min), undefined);
}
