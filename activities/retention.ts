/**
 * The retention's one activity (workflows/retention.ts, docs/privacy.md): every parcours whose
 * dossier has seen nothing since `jusqua` and whose workflow has ended loses its histories in
 * Temporal and its dossier becomes statistics without identity.
 *
 * Histories are deleted before the dossier: the dossier is what selects a parcours, so a purge
 * interrupted between the two is found and finished by the next run. No parcours id leaves this
 * activity in a real run: the retention's own history names none.
 */
import { Context } from '@temporalio/activity';
import { isGrpcServiceError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import type { CivilDate } from '../domain/calendar';
import { workflowIdOf } from '../lib/pseudonym';
import type { RetentionStore } from '../lib/retention/store';

export interface RetentionDeps {
  retention: RetentionStore;
  /** Lists and deletes workflow executions. */
  client: Client;
  namespace: string;
}

export interface PurgeRequest {
  /** Parcours whose dossier's last line is dated on or before this day. */
  jusqua: CivilDate;
  periodeMois: number;
  dryRun: boolean;
}

export interface RetentionReport {
  jusqua: CivilDate;
  periodeMois: number;
  dryRun: boolean;
  /** Parcours purged — or, in a dry run, that would be. */
  parcours: number;
  lignes: number;
  executions: number;
  /** Past the period but with a workflow still running (a late-fact window, a re-registration): kept. */
  enCours: number;
  /** Stored API answers deleted for being older than the period. */
  reponses: number;
  /** Dry run only: what a real run would purge, for review (pseudonyms, no identity). */
  aPurger?: Array<{ parcoursId: string; derniereDate: CivilDate; lignes: number; executions: number }>;
}

/** gRPC status NOT_FOUND. */
const NOT_FOUND = 5;

/** Statuses of a run that can no longer change; anything else (running, paused, unknown) keeps the parcours. */
const ENDED: ReadonlySet<WorkflowExecutionStatusName> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT']);

export function createRetentionActivities({ retention, client, namespace }: RetentionDeps) {
  const runsOf = async (workflowId: string): Promise<Array<{ runId: string; ended: boolean }>> => {
    const runs: Array<{ runId: string; ended: boolean }> = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push({ runId: run.runId, ended: ENDED.has(run.status.name) });
    return runs;
  };

  const deleteRun = async (workflowId: string, runId: string): Promise<void> => {
    try {
      await client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId, runId } });
    } catch (err) {
      // Already gone: deleted by an earlier attempt, or by the namespace's own retention.
      if (!(isGrpcServiceError(err) && err.code === NOT_FOUND)) throw err;
    }
  };

  return {
    async purgerParcoursEchus({ jusqua, periodeMois, dryRun }: PurgeRequest): Promise<RetentionReport> {
      const report: RetentionReport = { jusqua, periodeMois, dryRun, parcours: 0, lignes: 0, executions: 0, enCours: 0, reponses: 0, ...(dryRun ? { aPurger: [] } : {}) };
      const candidats = await retention.candidats(jusqua);
      for (const [i, c] of candidats.entries()) {
        Context.current().heartbeat(i);
        const workflowId = workflowIdOf(c.parcoursId);
        const runs = await runsOf(workflowId);
        if (runs.some((r) => !r.ended)) {
          report.enCours++;
          continue;
        }
        if (dryRun) {
          report.parcours++;
          report.lignes += c.lignes;
          report.executions += runs.length;
          report.aPurger!.push({ parcoursId: c.parcoursId, derniereDate: c.derniereDate, lignes: c.lignes, executions: runs.length });
          continue;
        }
        for (const r of runs) await deleteRun(workflowId, r.runId);
        const done = await retention.anonymiser(c, { executions: runs.length, periodeMois });
        if (!done) {
          report.enCours++;
          continue;
        }
        report.parcours++;
        report.lignes += done.lignes;
        report.executions += runs.length;
      }
      if (!dryRun) {
        report.reponses = await retention.effacerReponsesAvant(`${jusqua}T00:00:00.000Z`);
        await retention.checkpoint();
      }
      return report;
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
