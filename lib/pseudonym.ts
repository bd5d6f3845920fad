/**
 * The parcours of a CE is addressed by a keyed pseudonym of the NISS (spec §2): the NISS never
 * appears in a workflow id, a search attribute or a log. Without the secret the pseudonym cannot
 * be reversed nor recomputed from a guessed NISS.
 */
import { createHmac } from 'node:crypto';

export function parcoursIdOf(niss: string, secret: string): string {
  return 'ce-' + createHmac('sha256', secret).update(`niss:${niss}`).digest('hex').slice(0, 32);
}

export function workflowIdOf(parcoursId: string): string {
  return `parcours-${parcoursId}`;
}
