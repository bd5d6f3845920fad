/**
 * Waits for something the system does in the background (an e-mail recorded after SMTP accepted
 * it, a search attribute upserted after a dossier write), failing with `what` when it never comes.
 */
export async function eventually<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
