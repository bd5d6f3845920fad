/**
 * The API's Prometheus metrics (issue 14 §5): a histogram of request durations by operation,
 * method and status, and the process's own (CPU, memory, event-loop delay, GC) from prom-client.
 * Served on their own address (PARCOURS_API_METRICS), not on the public port: operators scrape it
 * from inside. Labels carry operation ids only, never a path with a parcoursId in it.
 */
import http from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EmailFigures } from './email-alerts';

/** The request histogram; prom-client's process metrics carry the same prefix. */
export const API_METRIC = 'parcours_api_request_duration_seconds';
export const API_PREFIX = 'parcours_api_';

/** The e-mails' delivery figures, read from the database at each scrape (api/email-alerts.ts). */
export const METRIQUES_EMAILS_API = ['parcours_emails_non_envoyes', 'parcours_emails_non_envoyes_en_retard', 'parcours_email_non_envoye_attente_max_seconds'] as const;

/** From a cached answer (a few ms) to an Update that waited for a locked database (30 s). */
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly durations: Histogram<'operation' | 'method' | 'status'>;
  private emails?: () => Promise<EmailFigures>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: API_PREFIX });
    this.durations = new Histogram({
      name: API_METRIC,
      help: 'Durée des requêtes HTTP de l’API, par opération, méthode et statut',
      labelNames: ['operation', 'method', 'status'],
      buckets: BUCKETS_S,
      registers: [this.registry],
    });
    // The same figure from every replica: the database's, not the process's. One query per scrape;
    // a database that does not answer leaves the last figures rather than failing the scrape.
    const [nonEnvoyes, enRetard, attente] = METRIQUES_EMAILS_API;
    let pending: Promise<EmailFigures | undefined> | undefined;
    const figures = () => (pending ??= (this.emails?.() ?? Promise.resolve(undefined)).catch(() => undefined).finally(() => setImmediate(() => (pending = undefined))));
    const gauge = (name: string, help: string, pick: (f: EmailFigures) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const f = await figures();
          if (f) this.set(pick(f));
        },
      });
    gauge(nonEnvoyes, 'E-mails pas encore envoyés (première tentative faite), dans la base', (f) => f.nonEnvoyes);
    gauge(enRetard, 'E-mails toujours pas envoyés après PARCOURS_EMAIL_ALERT_SECONDS (un jour par défaut)', (f) => f.enRetard);
    gauge(attente, 'Attente du plus ancien e-mail pas encore envoyé, depuis sa première tentative, en secondes', (f) => f.attenteMaxSecondes);
  }

  /** Where the e-mail gauges read their figures (the database, through api/email-alerts.ts). */
  suivreEmails(figures: () => Promise<EmailFigures>): void {
    this.emails = figures;
  }

  /** One answered request; `operation` is the operationId, or what the request matched otherwise. */
  observe(operation: string, method: string, status: number, seconds: number): void {
    this.durations.observe({ operation, method, status: String(status) }, seconds);
  }

  /** Serves `GET /metrics` on `address` (`host:port`); resolves once listening. */
  async serve(address: string): Promise<http.Server> {
    const { host, port } = parseAddress(address);
    const server = http.createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        () => res.writeHead(503).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server;
  }
}

export function parseAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const port = Number(address.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`a metrics address is host:port, not ${address}`);
  return { host: address.slice(0, i), port };
}
