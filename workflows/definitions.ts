/**
 * The parcours workflow's public surface: signal, query and search-attribute names, shared by
 * the workflow, the API and the tests. Signals are named in the law's vocabulary.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AffectationEvent, AuthentificationEvent, FactEvent, InscriptionEvent } from '../domain/parcours/events';
import type { EmailIntent, ParcoursState } from '../domain/parcours/model';
import type { ParcoursView } from '../domain/parcours/view';

export type SignalPayload<E extends FactEvent> = Omit<E, 'type'>;

export const inscriptionSignal = defineSignal<[SignalPayload<InscriptionEvent>]>('inscription');
export const authentificationSignal = defineSignal<[SignalPayload<AuthentificationEvent>]>('authentification');
export const affectationSignal = defineSignal<[SignalPayload<AffectationEvent>]>('affectation');

export const FACT_SIGNALS = {
  inscription: inscriptionSignal,
  authentification: authentificationSignal,
  affectation: affectationSignal,
} as const;

export const etatQuery = defineQuery<ParcoursView>('etat');

/** Operators' view in the Temporal UI; no personal data (spec §2). */
export const SEARCH_ATTRIBUTES = {
  statut: defineSearchAttributeKey('ParcoursStatut', SearchAttributeType.KEYWORD),
  accompagnement: defineSearchAttributeKey('ParcoursAccompagnement', SearchAttributeType.KEYWORD),
  cpas: defineSearchAttributeKey('ParcoursCpas', SearchAttributeType.KEYWORD),
  regime: defineSearchAttributeKey('ParcoursRegime', SearchAttributeType.KEYWORD),
  prochaineEcheance: defineSearchAttributeKey('ParcoursProchaineEcheance', SearchAttributeType.DATETIME),
} as const;

export interface ParcoursInput {
  parcoursId: string;
  /** Carried across continue-as-new. */
  state?: ParcoursState;
  /** E-mails decided but not yet confirmed sent, carried across continue-as-new. */
  outbox?: EmailIntent[];
  /** The time-skipping test server cannot index custom search attributes. */
  searchAttributes?: boolean;
}
