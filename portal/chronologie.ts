/** The timeline of a request's page on the portal (issue 15 point 2). */
import { civilDateInBrussels } from '../domain/calendar';
import { messageKey } from '../lib/dossier-store';

export type LigneLue = { key: string; date: string; kind: string; code: string; resume: string; recordedAt: string; annuleePar?: string; data?: Record<string, unknown> };
export type EnvoiLu = { cle: string; modele: string; etat: 'enAttente' | 'envoye' | 'echec'; tentatives: number; premiereTentative: string; derniereTentative: string; envoyeLe?: string };

/**
 * The request's timeline: the dossier lines the CPAS may read, each e-mail with its delivery state
 * (issue 15 point 2; issue 13 §4). An e-mail is in the dossier once sent (`m:<key>`); one still
 * pending or failing has no line yet and is shown from its state, on the day of its first attempt.
 */
export function chronologie(dossier: LigneLue[], emails: EnvoiLu[]): Array<LigneLue & { envoi?: EnvoiLu }> {
  const parCle = new Map(emails.map((e) => [messageKey(e.cle), e]));
  const lignes: Array<LigneLue & { envoi?: EnvoiLu }> = dossier.map((l) => (l.kind === 'message' && parCle.has(l.key) ? { ...l, envoi: parCle.get(l.key)! } : l));
  const ecrites = new Set(dossier.map((l) => l.key));
  for (const [key, e] of parCle) {
    if (!ecrites.has(key)) lignes.push({ key, date: civilDateInBrussels(Date.parse(e.premiereTentative)), kind: 'message', code: `email.${e.modele}`, resume: '', recordedAt: e.premiereTentative, envoi: e });
  }
  return lignes.sort((a, b) => (a.date === b.date ? a.key.localeCompare(b.key) : a.date.localeCompare(b.date)));
}
