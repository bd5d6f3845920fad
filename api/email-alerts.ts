/**
 * The operators' alert for e-mails still unsent long after their first attempt (issue 13 §4):
 * an SMTP relay refusing for hours or a CPAS's wrong address must be seen, not retried silently
 * forever. Every API replica looks every PARCOURS_EMAIL_CHECK_SECONDS; each late e-mail is claimed
 * in the database by the first that finds it (lib/email-delivery-store.ts), which writes the one
 * log line — two replicas never report it twice. The metric (api/metrics.ts) is read from the
 * database at each scrape: every replica reports the same figure, and the alert rule takes the
 * `max` over them (docs/prometheus-alerts.yml).
 */
import type { Logger } from 'pino';
import type { EmailDeliveryStore, EnvoiEnSouffrance } from '../lib/email-delivery-store';

export interface EmailAlertOptions {
  /** How long after its first attempt an unsent e-mail is reported (PARCOURS_EMAIL_ALERT_SECONDS). */
  afterMs: number;
  logger: Logger;
  now?: () => number;
}

/** What the metrics show: e-mails unsent, those past the delay, and how long the oldest has waited. */
export interface EmailFigures {
  nonEnvoyes: number;
  enRetard: number;
  attenteMaxSecondes: number;
}

export class EmailAlerts {
  private readonly now: () => number;

  constructor(
    private readonly deliveries: EmailDeliveryStore,
    private readonly options: EmailAlertOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Reports, once each, the e-mails that passed the delay unsent; returns them. */
  async check(): Promise<EnvoiEnSouffrance[]> {
    const now = this.now();
    const late = await this.deliveries.signalerEnSouffrance(new Date(now - this.options.afterMs).toISOString(), new Date(now).toISOString());
    for (const e of late) {
      // The row's number finds the parcours in the database; the line itself names no person.
      this.options.logger.error(
        {
          alerte: 'emailNonEnvoye',
          emailId: e.id,
          journal: e.journal,
          modele: e.modele,
          destinataire: e.destinataire,
          ...(e.cpas ? { cpas: e.cpas } : {}),
          tentatives: e.tentatives,
          attenteSecondes: Math.round((now - Date.parse(e.premiereTentative)) / 1000),
          ...(e.derniereErreur ? { derniereErreur: e.derniereErreur } : {}),
        },
        'e-mail toujours pas envoyé après le délai d’alerte : vérifier le relais SMTP ou l’adresse du destinataire',
      );
    }
    return late;
  }

  async figures(): Promise<EmailFigures> {
    const now = this.now();
    const r = await this.deliveries.nonEnvoyes(new Date(now - this.options.afterMs).toISOString());
    return { nonEnvoyes: r.nombre, enRetard: r.enRetard, attenteMaxSecondes: r.plusAncien ? Math.max(0, (now - Date.parse(r.plusAncien)) / 1000) : 0 };
  }

  /** Checks every `intervalMs` until the returned function is called; a failed check is logged and the next one tries again. */
  start(intervalMs: number): () => void {
    const run = () => this.check().catch((err: unknown) => this.options.logger.warn({ err: String(err) }, 'vérification des e-mails non envoyés impossible'));
    const timer = setInterval(run, intervalMs);
    timer.unref();
    void run();
    return () => clearInterval(timer);
  }
}
