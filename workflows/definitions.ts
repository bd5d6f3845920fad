/**
 * The parcours workflow's public surface: signal, query and search-attribute names, shared by
 * the workflow, the API and the tests. Signals are named in the law's vocabulary.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate, type SignalDefinition } from '@temporalio/workflow';
import { FACT_TYPES, type FactEvent, type FactOf, type FactType } from '../domain/parcours/events';
import type { DemandeNommee, DossierEntry, EmailIntent, ParcoursState } from '../domain/parcours/model';
import type { ParcoursView } from '../domain/parcours/view';

/** A fact as it travels in a signal: the event without its discriminant, which the signal name carries. */
export type SignalPayload<T extends FactType> = Omit<FactOf<T>, 'type'>;

type FactSignals = { [T in FactType]: SignalDefinition<[SignalPayload<T>], T> };

/** One signal per kind of fact, named in the law's vocabulary (`inscription`, `contactMensuel`, `absence`…). */
export const FACT_SIGNALS = Object.fromEntries(FACT_TYPES.map((t) => [t, defineSignal(t)])) as FactSignals;

export const etatQuery = defineQuery<ParcoursView>('etat');

/** What the parcours answers to a fact recorded through the `evenement` Update. */
export interface ResultatEvenement {
  eventId: string;
  /** False when the fact was refused after all (the state changed between validation and decision). */
  accepte: boolean;
  motif?: string;
  /** The dossier lines this fact produced, with their legal basis. */
  dossier: DossierEntry[];
  etat: ParcoursView;
}

/**
 * Records a fact and answers once it is decided and written. The validator refuses, before
 * anything is written to history, a fact the parcours cannot take in its current state.
 */
export const evenementUpdate = defineUpdate<ResultatEvenement, [FactEvent]>('evenement');

/** The failure type a refused fact carries back to the client. */
export const EVENEMENT_REFUSE = 'EvenementRefuse';

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
  /** Lines the dossier already holds from an earlier run of this person's workflow: this run numbers after them. */
  journalSeq?: number;
  /** How far back a fact may be dated and still apply at its date (spec §11); 3 months when absent. */
  rectificationMois?: number;
  /**
   * Requests of an earlier run rejected because the person was not registered (read from the
   * dossier by the API): their CPAS referred the person and is told of the registration.
   */
  demandesEnAttente?: DemandeNommee[];
  /** The time-skipping test server cannot index custom search attributes. */
  searchAttributes?: boolean;
}

/**
 * Patch ids of behaviours added while parcours were running (docs/versioning-and-audit.md). A
 * history recorded before a patch replays without it; from the first decision taken after the
 * deployment, the marker is in the history and the new behaviour applies.
 */
export const PATCHES = {
  resumeDeadlinesOnReinscription: 'reinscription-reprend-les-delais',
  individualContactEachMonthFirstFour: 'contact-individuel-quatre-premiers-mois',
  /** The core of `domain/parcours` instead of the frozen `domain/parcours-2026-11` (issue 9: sanctions as the AGW writes them). */
  sanctionsSelonAgw: 'sanctions-selon-agw',
  /**
   * Issue 15: e-mails to a CPAS name the request and the person as that CPAS named them, and the
   * registration is told to the CPAS that referred the person as well (`DecideOptions.emailsNominatifs`).
   */
  emailsCpasNominatifs: 'emails-cpas-nominatifs',
} as const;
