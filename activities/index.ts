/**
 * `createActivities(deps)`: the worker injects the database, the SMTP transport, the CPAS
 * registry and a Temporal client (for the retention); workflows import only the *type* of what
 * this returns.
 */
import type { ConventionStore } from '../lib/convention-store';
import type { DossierStore } from '../lib/dossier-store';
import { EmailDeliveryStore } from '../lib/email-delivery-store';
import { MonitoringStore } from '../lib/monitoring';
import { createConventionActivities } from './convention';
import { createDossierActivities } from './dossier';
import { createEmailActivities, type EmailDeps } from './email';
import { createRetentionActivities, type RetentionDeps } from './retention';
import { mesurerEnvois } from './metriques';
import { suivreEnvoi } from './suivi-envois';

export interface ActivityDeps extends EmailDeps, RetentionDeps {
  store: DossierStore;
  conventions: ConventionStore;
}

export function createActivities(deps: ActivityDeps) {
  const { envoyerEmail } = createEmailActivities(deps);
  const deliveries = new EmailDeliveryStore(deps.conventions.db);
  const conventions = createConventionActivities({ ...deps, monitoring: new MonitoringStore(deps.conventions.db) });
  return {
    ...createDossierActivities(deps.store),
    ...createEmailActivities(deps),
    // Each e-mail's delivery state in the database (issue 13 §4), the worker's counters around it.
    envoyerEmail: suivreEnvoi(
      deliveries,
      (parcoursId, intent) => ({ journal: 'parcours', owner: parcoursId, key: intent.key, modele: intent.template, destinataire: intent.destinataire.type, ...(intent.destinataire.type === 'cpas' ? { cpas: intent.destinataire.cpas } : {}) }),
      mesurerEnvois(envoyerEmail),
    ),
    ...createRetentionActivities(deps),
    ...conventions,
    envoyerEmailConvention: suivreEnvoi(
      deliveries,
      (cpas, intent) => ({ journal: 'convention', owner: cpas, key: intent.key, modele: intent.template, destinataire: 'contactConvention', cpas }),
      conventions.envoyerEmailConvention,
    ),
  };
}

export type Activities = ReturnType<typeof createActivities>;
