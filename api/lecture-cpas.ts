/**
 * A parcours as a caller reads it — the one reading the API's `GET /v1/parcours/{id}` and the
 * portal's request page share (issue 15, points 2 and 4): the Forem's roles read the whole dossier
 * and every e-mail's delivery state; a CPAS, follower or requester, only what concerns the joint
 * accompaniment (domain/parcours/access.ts, convention art. 7) and the e-mails sent to it.
 */
import { vueCpas } from '../domain/parcours/access';
import type { ParcoursView } from '../domain/parcours';
import type { DossierLine, DossierStore } from '../lib/dossier-store';
import type { EmailDeliveryStore, EnvoiEmail } from '../lib/email-delivery-store';

export interface LectureParcours {
  view: ParcoursView;
  lignes: DossierLine[];
  /** The e-mails' delivery state (issue 13 §4), as `lignes` shows their dossier lines. */
  emails: EnvoiEmail[];
}

export async function lectureCpas(
  stores: { store: Pick<DossierStore, 'journal'>; deliveries: Pick<EmailDeliveryStore, 'duParcours'> },
  view: ParcoursView,
  parcoursId: string,
  cpas: string | undefined,
): Promise<LectureParcours> {
  const [journal, emails] = await Promise.all([stores.store.journal(parcoursId), stores.deliveries.duParcours(parcoursId)]);
  if (cpas === undefined) return { view, lignes: journal, emails };
  return { ...vueCpas(view, journal, cpas, journal), emails: emails.filter((e) => e.destinataire === 'cpas' && e.cpas === cpas) };
}
