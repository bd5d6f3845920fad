/**
 * The e-mails' counters (issue 14 §5), around `envoyerEmail`: attempts by outcome (envoye,
 * dejaEnvoye, echec — retried —, abandon — not retryable), and the e-mails this worker saw fail
 * and not yet sent: how many, and for how long the oldest has waited (the « e-mails stuck » alert,
 * docs/prometheus-alerts.yml). Through the activity's meter, to the worker's Prometheus endpoint.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { EmailIntent } from '../domain/parcours';

/** The metrics this module exports (counters get `_total` from the exporter). */
export const METRIQUES_EMAILS = ['parcours_emails', 'parcours_emails_en_attente', 'parcours_email_attente_max'] as const;

type EnvoyerEmail = (parcoursId: string, intent: EmailIntent) => Promise<'envoye' | 'dejaEnvoye'>;

/** Keys of e-mails whose last attempt failed, with when they first failed (ms). */
const enAttente = new Map<string, number>();

export function mesurerEnvois(envoyerEmail: EnvoyerEmail): EnvoyerEmail {
  return async (parcoursId, intent) => {
    const meter = Context.current().metricMeter;
    const key = `${parcoursId}/${intent.key}`;
    const publier = () => {
      meter.createGauge('parcours_emails_en_attente', 'int', undefined, 'E-mails dont un envoi a échoué et pas encore envoyés (vus par ce worker)').set(enAttente.size);
      const plusAncien = Math.min(...enAttente.values());
      meter.createGauge('parcours_email_attente_max', 'float', 's', 'Attente du plus ancien e-mail pas encore envoyé après un échec, en secondes').set(enAttente.size ? (Date.now() - plusAncien) / 1000 : 0);
    };
    const attempts = meter.createCounter('parcours_emails', undefined, 'Tentatives d’envoi d’e-mails, par issue (envoye, dejaEnvoye, echec, abandon)');
    try {
      const issue = await envoyerEmail(parcoursId, intent);
      attempts.add(1, { issue, modele: intent.template });
      enAttente.delete(key);
      publier();
      return issue;
    } catch (err) {
      const abandon = err instanceof ApplicationFailure && err.nonRetryable;
      attempts.add(1, { issue: abandon ? 'abandon' : 'echec', modele: intent.template });
      if (abandon) enAttente.delete(key);
      else if (!enAttente.has(key)) enAttente.set(key, Date.now());
      publier();
      throw err;
    }
  };
}
