import type { DossierEntry } from '../domain/parcours';
import { toDossierLine, type DossierStore } from '../lib/dossier-store';

export function createDossierActivities(store: DossierStore) {
  return {
    /** Appends the parcours' new dossier entries; entries already written are skipped. */
    async ecrireDossier(parcoursId: string, entries: DossierEntry[]): Promise<number> {
      return store.append(parcoursId, entries.map(toDossierLine));
    },
    /**
     * The same write, run as a local activity (from patch `sanctions-selon-agw` on). A history
     * records a local activity's result, not its input: returning the entries keeps every line,
     * with its legal basis, in the history the auditor replays (lib/audit.ts).
     */
    async ecrireDossierLocal(parcoursId: string, entries: DossierEntry[]): Promise<DossierEntry[]> {
      await store.append(parcoursId, entries.map(toDossierLine));
      return entries;
    },
  };
}
