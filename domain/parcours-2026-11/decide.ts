/**
 * FROZEN — the functional core as it decided until patch `sanctions-selon-agw` (2026-11-23).
 *
 * Parcours started before that patch replay their early history with this code, so that every
 * decision they took is reproduced exactly (docs/versioning-and-audit.md). Never edit it: a change
 * here breaks the replay of running parcours. From the first decision after the deployment, the
 * workflow uses `domain/parcours` and migrates the state (`migrerEtat2026_11`). It goes when no
 * history older than the patch remains (then `deprecatePatch`, then delete this folder).
 */
import type { ParcoursEvent } from './events';
import { ON_EXPIRY } from './expiries';
import { applyFact, refusal } from './facts';
import type { Decision, Echeance, ParcoursState } from './model';
import { CURRENT_OPTIONS, Step, type DecideOptions } from './step';

export { refusal, CURRENT_OPTIONS, type DecideOptions };

export function decide(state: ParcoursState, event: ParcoursEvent, now: number, options: DecideOptions = CURRENT_OPTIONS): Decision {
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
  // A fact recorded late may have let deadlines run out already: they fire now, in order.
  for (let due = step.takeDue(); due; due = step.takeDue()) ON_EXPIRY[due.rule]?.(step, due);
  return step.result();
}

/** The earliest pending deadline, which the workflow waits for. */
export function nextDeadline(state: ParcoursState): Echeance | undefined {
  return state.echeances.reduce<Echeance | undefined>((min, e) => (!min || e.expire < min.expire ? e : min), undefined);
}
