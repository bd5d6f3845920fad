/**
 * `createActivities(deps)`: the worker injects the database, the SMTP transport and the CPAS
 * registry; workflows import only the *type* of what this returns.
 */
import type { DossierStore } from '../lib/dossier-store';
import { createDossierActivities } from './dossier';
import { createEmailActivities, type EmailDeps } from './email';

export interface ActivityDeps extends EmailDeps {
  store: DossierStore;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDossierActivities(deps.store),
    ...createEmailActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
