/**
 * The convention workflow's id, update and query, shared by the workflow and its clients (API,
 * tests). The id is business-derived from the CPAS's enterprise number: no personal data.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ConventionFact, ConventionState, JournalLine } from '../domain/convention';

export const conventionWorkflowId = (numeroEntreprise: string): string => `convention-${numeroEntreprise}`;

export interface ConventionInput {
  cpas: string;
  /** Carried over by continue-as-new. */
  state?: ConventionState;
  outbox?: import('../domain/convention').ConventionEmail[];
  /** Lines an earlier run of this CPAS's convention already wrote: this run numbers after them. */
  journalSeq?: number;
}

export interface ResultatFaitConvention {
  eventId: string;
  journal: JournalLine[];
  etat: ConventionState;
}

export const conventionEtatQuery = defineQuery<ConventionState>('conventionEtat');
export const conventionFaitUpdate = defineUpdate<ResultatFaitConvention, [ConventionFact]>('conventionFait');
/** The failure type of a fact the convention refuses (its message says why). */
export const FAIT_CONVENTION_REFUSE = 'FaitConventionRefuse';
