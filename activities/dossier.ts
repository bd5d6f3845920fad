import type { DossierEntry } from '../domain/parcours';
import { toDossierLine, type DossierStore } from '../lib/dossier-store';

export function createDossierActivities(store: DossierStore) {
  return {
    /** Appends the parcours' new dossier entries; entries already written are skipped. */
    async ecrireDossier(parcoursId: string, entries: DossierEntry[]): Promise<number> {
      return store.append(parcoursId, entries.map(toDossierLine));
    },
  };
}
