/**
 * Failed authentications are throttled per client address: past `maxFailures` wrong keys within
 * `windowMs`, every request from that address is answered 429 until the window ends, before its
 * key is even looked at — so guessing keys costs a window per few guesses, and a guess that hits
 * is not told apart from one that misses. A missing Authorization header is no guess and does
 * not count. In memory, per API process: the bound holds per process, which is what it is for.
 */
export interface ThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

/** At most this many addresses are tracked; beyond, those whose window ended are forgotten first. */
const MAX_TRACKED = 10_000;

export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();
  readonly maxFailures: number;
  readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfter(address: string): number {
    const f = this.failures.get(address);
    if (!f) return 0;
    const left = f.until - this.now();
    if (left <= 0) {
      this.failures.delete(address);
      return 0;
    }
    return f.count >= this.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    const f = this.failures.get(address);
    if (f && f.until > now) {
      f.count += 1;
      return;
    }
    if (this.failures.size >= MAX_TRACKED) this.forget(now);
    this.failures.set(address, { count: 1, until: now + this.windowMs });
  }

  private forget(now: number): void {
    for (const [address, f] of this.failures) if (f.until <= now) this.failures.delete(address);
    // Still full: the oldest entries go (a Map iterates in insertion order).
    for (const address of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED) break;
      this.failures.delete(address);
    }
  }
}
