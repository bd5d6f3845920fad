/**
 * A parcours as a caller reads it — the one reading the API's `GET /v1/parcours/{id}` and the
 * portal's request page share (issue 15, point 4): the follower and the Forem's roles read the
 * whole dossier, a CPAS that filed a request only what concerns it (domain/parcours/access.ts,
 * convention art. 7).
 */
import { vueCpas } from '../domain/parcours/access';
import type { ParcoursView } from '../domain/parcours';
import type { DossierLine, DossierStore } from '../lib/dossier-store';

export async function lectureCpas(store: Pick<DossierStore, 'journal'>, view: ParcoursView, parcoursId: string, cpas: string | undefined): Promise<{ view: ParcoursView; lignes: DossierLine[] }> {
  const journal = await store.journal(parcoursId);
  return cpas === undefined ? { view, lignes: journal } : vueCpas(view, journal, cpas, journal);
}
