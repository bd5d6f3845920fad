/**
 * What a parcours records when `decide` itself fails (a defect, or an input that slipped past the
 * API's validation): the fact is refused with the reason, or the deadlines due are set aside with
 * it, so the workflow goes on and every later fact is still decided — never a workflow task that
 * fails again and again (issue 11). The operators learn of it from the worker's log.
 */
import type { ParcoursEvent } from './events';
import type { Decision, ParcoursState } from './model';
import { Step } from './step';

export function decisionOnFailure(state: ParcoursState, event: ParcoursEvent, now: number, reason: string): Decision {
  // The rectification window would re-run what failed at every later decision: it starts afresh
  // from here (facts before now can no longer be re-decided at their date; the defect is logged).
  const { fenetre: _f, ...sansFenetre } = state;
  const step = new Step(sansFenetre, now);
  if (event.type !== 'horloge') {
    if (state.eventIds.includes(event.id)) return { state, effects: [] };
    step.remember(event.id);
    step.write({ date: step.today, kind: 'fait', code: `${event.type}.refuse`, resume: `Événement refusé : le parcours n’a pu le traiter (${reason}) ; l’erreur est signalée aux exploitants`, eventId: event.id });
    return step.result();
  }
  // Set aside, or the same deadline would fail again at every wake-up.
  for (let due = step.takeDue(); due; due = step.takeDue()) {
    step.write({ date: step.today, kind: 'decision', code: 'echeance.nonTraitee', resume: `Échéance ${due.rule} (dernier jour ${due.dernierJour}) non traitée : ${reason} ; l’erreur est signalée aux exploitants`, data: { rule: due.rule, dernierJour: due.dernierJour } });
  }
  return step.result();
}
