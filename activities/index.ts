/**
 * `createActivities(deps)`: the worker injects the database, the SMTP transport and the CPAS
 * registry; workflows import only the *type* of what this returns.
 */
import type { DossierStore } from '../lib/dossier-store';
import { createDossierActivities } from './dossier';
import { createEmailActivities, type EmailDeps } from './email';
import { mesurerEnvois } from './metriques';

export interface ActivityDeps extends EmailDeps {
  store: DossierStore;
}

export function createActivities(deps: ActivityDeps) {
  const { envoyerEmail } = createEmailActivities(deps);
  return {
    ...createDossierActivities(deps.store),
    envoyerEmail: mesurerEnvois(envoyerEmail),
  };
}

export type Activities = ReturnType<typeof createActivities>;
