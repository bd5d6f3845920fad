/**
 * Alert signals (art. 39): raised by the back-office or by the system itself. Each one calls for
 * a contact within three working days counted from the day it is emitted (§2).
 */
import type { RuleId } from '../rules';
import type { Step } from './step';

/** Writes a signal emitted on `emis` (today by default) under `rule`, and opens its contact deadline (art. 39 §2). */
export function emettreSignal(step: Step, rule: RuleId, code: string, motif: string, resume: string, fact?: { id: string; date: string }): void {
  const emis = fact?.date ?? step.today;
  const eventId = fact?.id;
  step.write({ date: emis, kind: 'signalAlerte', code, resume: `${resume} : contact dans les trois jours ouvrables`, legalBasis: step.basis(rule), data: { motif }, ...(eventId ? { eventId } : {}) });
  step.scheduleKeyed('signalAlerte.contact', emis, emis);
}
