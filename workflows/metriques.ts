/**
 * The product's counters (issue 14 §5), from the workflow: facts by type and outcome, decisions by
 * rule, deadlines fired and how late they were decided, e-mails decided. Through the SDK's
 * workflow meter, which emits nothing on replay, to the worker's Prometheus endpoint
 * (worker/telemetry.ts). Labels are fact types, rule ids and templates: no personal data, a
 * bounded set.
 */
import { metricMeter } from '@temporalio/workflow';
import type { Decision, Echeance, ParcoursEvent } from '../domain/parcours';

export type Mesure =
  | { metrique: 'parcours_faits'; labels: { type: string; issue: 'accepte' | 'refuse' | 'doublon' } }
  | { metrique: 'parcours_decisions'; labels: { regle: string } }
  | { metrique: 'parcours_echeances'; labels: { regle: string } }
  | { metrique: 'parcours_echeance_retard'; secondes: number }
  | { metrique: 'parcours_emails_decides'; labels: { modele: string } };

/** What to count of `decision` on `event`; `due` are the deadlines that had run out when it was taken at `now`. */
export function mesures(event: ParcoursEvent, decision: Decision, due: Echeance[], now: number): Mesure[] {
  const entries = decision.effects.flatMap((e) => (e.type === 'dossier' ? [e.entry] : []));
  const out: Mesure[] = [];
  if (event.type !== 'horloge') {
    // A fact already known (a retry) changes nothing and writes nothing.
    const issue = entries.length === 0 ? 'doublon' : entries.some((e) => e.eventId === event.id && e.code === `${event.type}.refuse`) ? 'refuse' : 'accepte';
    out.push({ metrique: 'parcours_faits', labels: { type: event.type, issue } });
  }
  for (const e of entries) if (e.kind !== 'fait' && e.legalBasis) out.push({ metrique: 'parcours_decisions', labels: { regle: e.legalBasis.ruleId } });
  for (const e of due) {
    out.push({ metrique: 'parcours_echeances', labels: { regle: e.rule } });
    out.push({ metrique: 'parcours_echeance_retard', secondes: Math.max(0, now - e.expire) / 1000 });
  }
  for (const e of decision.effects) if (e.type === 'email') out.push({ metrique: 'parcours_emails_decides', labels: { modele: e.email.template } });
  return out;
}

/** The metrics this module exports (counters get `_total` from the exporter). */
export const METRIQUES_WORKFLOW = ['parcours_faits', 'parcours_decisions', 'parcours_echeances', 'parcours_echeance_retard', 'parcours_emails_decides'] as const;

const DESCRIPTIONS = {
  parcours_faits: 'Faits enregistrés, par type et issue (accepte, refuse, doublon)',
  parcours_decisions: 'Décisions écrites au dossier, par règle',
  parcours_echeances: 'Échéances arrivées à terme, par règle',
  parcours_emails_decides: 'E-mails décidés, par modèle',
};

/** A fact the Update's validator refused: it never reaches the loop nor the history. */
export function compterRefus(type: string): void {
  metricMeter.createCounter('parcours_faits', undefined, DESCRIPTIONS.parcours_faits).add(1, { type, issue: 'refuse' });
}

/** Sends the measures to the worker's meter (only inside a workflow: the meter is the workflow's). */
export function compter(event: ParcoursEvent, decision: Decision, due: Echeance[], now: number): void {
  for (const m of mesures(event, decision, due, now)) {
    if (m.metrique === 'parcours_echeance_retard') metricMeter.createHistogram(m.metrique, 'float', 's', 'Délai entre l’expiration d’une échéance et sa décision, en secondes').record(m.secondes);
    else metricMeter.createCounter(m.metrique, undefined, DESCRIPTIONS[m.metrique]).add(1, m.labels);
  }
}
