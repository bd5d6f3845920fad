/**
 * `createActivities(deps)`: the worker injects the database, the SMTP transport, the CPAS
 * registry and a Temporal client (for the retention); workflows import only the *type* of what
 * this returns.
 */
import type { ConventionStore } from '../lib/convention-store';
import type { DossierStore } from '../lib/dossier-store';
import { MonitoringStore } from '../lib/monitoring';
import { createConventionActivities } from './convention';
import { createDossierActivities } from './dossier';
import { createEmailActivities, type EmailDeps } from './email';
import { createRetentionActivities, type RetentionDeps } from './retention';
import { mesurerEnvois } from './metriques';

export interface ActivityDeps extends EmailDeps, RetentionDeps {
  store: DossierStore;
  conventions: ConventionStore;
}

export function createActivities(deps: ActivityDeps) {
  const { envoyerEmail } = createEmailActivities(deps);
  return {
    ...createDossierActivities(deps.store),
    ...createEmailActivities(deps),
    envoyerEmail: mesurerEnvois(envoyerEmail),
    ...createRetentionActivities(deps),
    ...createConventionActivities({ ...deps, monitoring: new MonitoringStore(deps.conventions.db) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
