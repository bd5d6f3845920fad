/**
 * The delivery state of every e-mail (issue 13 §4), recorded around the sending activities: each
 * attempt with its number (Temporal's `attempt`), a failure with its reason, the success. The
 * workflow's commands are unchanged — running parcours replay as before —: the state lives in the
 * activity and the database (lib/email-delivery-store.ts), where `GET /v1/parcours/{id}` and the
 * operators' alert (api/email-alerts.ts) read it.
 */
import { Context } from '@temporalio/activity';
import type { EmailDeliveryStore, EmailRef } from '../lib/email-delivery-store';

/** What a failure is recorded as: its code and reply, never an address nor a national number. */
export function motifEchec(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const parts = [typeof e?.code === 'string' ? e.code : undefined, typeof e?.responseCode === 'number' ? String(e.responseCode) : undefined, message];
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    // A refused recipient is named in the reply: a contact person's address is personal data.
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '<adresse>')
    .replace(/\b\d{11}\b|\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b/g, '<numéro>')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

/** Wraps a sending activity: `ref` names the e-mail from the activity's arguments. */
export function suivreEnvoi<A extends unknown[], R>(deliveries: EmailDeliveryStore, ref: (...args: A) => EmailRef, envoyer: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const email = ref(...args);
    const attempt = Context.current().info.attempt;
    await deliveries.tentative(email, attempt);
    let result: R;
    try {
      result = await envoyer(...args);
    } catch (err) {
      // Recording the failure must not hide it: the activity fails with the sender's error.
      await deliveries.echec(email, attempt, motifEchec(err)).catch(() => undefined);
      throw err;
    }
    await deliveries.envoye(email, attempt);
    return result;
  };
}
