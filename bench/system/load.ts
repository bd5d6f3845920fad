/**
 * Load against one path: a closed loop of `concurrency` clients (saturation), then an open loop at
 * a fixed rate (arrivals on a schedule, latency counted from the scheduled instant so that a slow
 * answer cannot hide the ones queued behind it). Both bounded in count and in time.
 */
export interface Sample {
  /** Requests answered successfully. */
  ok: number;
  failed: number;
  seconds: number;
  /** Successful answers per second over the phase. */
  throughput: number;
  p50: number;
  p99: number;
  firstError?: string;
}

/** One request; `i` numbers them across the whole run of a path. */
export type Call = (i: number) => Promise<void>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** What one phase measured, before it is merged with the other rounds of its path. */
export interface Raw {
  latencies: number[];
  failed: number;
  seconds: number;
  firstError?: string;
}

/** Throughput and percentiles over one or more phases (the rounds of a path). */
export function summarise(raws: Raw[]): Sample {
  const latencies = raws.flatMap((r) => r.latencies);
  const seconds = raws.reduce((t, r) => t + r.seconds, 0);
  const failed = raws.reduce((t, r) => t + r.failed, 0);
  const firstError = raws.find((r) => r.firstError)?.firstError;
  const sorted = latencies.sort((a, b) => a - b);
  return { ok: sorted.length, failed, seconds, throughput: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), ...(firstError ? { firstError } : {}) };
}

const raw = (latencies: number[], failed: number, seconds: number, firstError?: string): Raw => ({ latencies, failed, seconds, ...(firstError ? { firstError } : {}) });

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);

export class Counter {
  private n = 0;
  next(): number {
    return this.n++;
  }
}

/** `count` requests from `concurrency` clients, each sending its next as soon as the last is answered. */
export async function closedLoop(call: Call, ids: Counter, count: number, concurrency: number, maxSeconds: number): Promise<Raw> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let issued = 0;
  const started = performance.now();
  const stopAt = started + maxSeconds * 1000;
  const client = async () => {
    while (issued < count && performance.now() < stopAt) {
      issued++;
      const t = performance.now();
      try {
        await call(ids.next());
        latencies.push(performance.now() - t);
      } catch (err) {
        failed++;
        firstError ??= message(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return raw(latencies, failed, (performance.now() - started) / 1000, firstError);
}

/** `count` requests sent at `rate` per second whatever the answers, at most `maxInFlight` at once. */
export async function openLoop(call: Call, ids: Counter, count: number, rate: number, maxInFlight: number, maxSeconds: number): Promise<Raw> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const stopAt = started + maxSeconds * 1000;
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (pending.size >= maxInFlight) await Promise.race(pending);
    if (performance.now() > stopAt) break;
    const p = call(ids.next()).then(
      () => void latencies.push(performance.now() - due),
      (err) => {
        failed++;
        firstError ??= message(err);
      },
    );
    const tracked = p.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }
  await Promise.all(pending);
  return raw(latencies, failed, (performance.now() - started) / 1000, firstError);
}
