/**
 * The worker's Prometheus endpoint (issue 14 §5): the SDK's runtime metrics (workflow and
 * activity task latencies, slots, cache, poll failures, sticky cache hits…) and the product's own
 * counters (workflows/metriques.ts, activities/metriques.ts), served by the SDK's core at
 * PARCOURS_WORKER_METRICS (`host:port`, `/metrics`). Must run before the first connection.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Config } from '../lib/config';

/** Lateness of a deadline's decision, in seconds: from on time to a day late (a worker down all night). */
const RETARD_BUCKETS_S = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14_400, 86_400];

export function installRuntime(config: Pick<Config, 'workerMetricsAddress'>): void {
  if (!config.workerMetricsAddress) return;
  Runtime.install({
    logger: new DefaultLogger('INFO'),
    telemetryOptions: {
      metrics: {
        prometheus: {
          bindAddress: config.workerMetricsAddress,
          countersTotalSuffix: true,
          useSecondsForDurations: true,
          histogramBucketOverrides: { parcours_echeance_retard: RETARD_BUCKETS_S },
        },
      },
    },
  });
}
