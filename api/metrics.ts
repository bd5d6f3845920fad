/**
 * The API's Prometheus metrics (issue 14 §5): a histogram of request durations by operation,
 * method and status, and the process's own (CPU, memory, event-loop delay, GC) from prom-client.
 * Served on their own address (PARCOURS_API_METRICS), not on the public port: operators scrape it
 * from inside. Labels carry operation ids only, never a path with a parcoursId in it.
 */
import http from 'node:http';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The request histogram; prom-client's process metrics carry the same prefix. */
export const API_METRIC = 'parcours_api_request_duration_seconds';
export const API_PREFIX = 'parcours_api_';

/** From a cached answer (a few ms) to an Update that waited for a locked database (30 s). */
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly durations: Histogram<'operation' | 'method' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: API_PREFIX });
    this.durations = new Histogram({
      name: API_METRIC,
      help: 'Durée des requêtes HTTP de l’API, par opération, méthode et statut',
      labelNames: ['operation', 'method', 'status'],
      buckets: BUCKETS_S,
      registers: [this.registry],
    });
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
