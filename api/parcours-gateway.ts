/**
 * How the API talks to the parcours workflows: facts through the `evenement` Update (with start
 * for the facts that may open a parcours), state through the `etat` query, histories for
 * auditors. Temporal's errors become HTTP problems here.
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { isGrpcServiceError, WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DemandeNommee, FactEvent, ParcoursView } from '../domain/parcours';
import { workflowIdOf } from '../lib/pseudonym';
import { etatQuery, evenementUpdate, EVENEMENT_REFUSE, type ParcoursInput, type ResultatEvenement } from '../workflows/definitions';
import type { parcours } from '../workflows';
import { HttpProblem } from './problem';

/** gRPC's NOT_FOUND: what fetching the history of a workflow that never existed answers. */
const GRPC_NOT_FOUND = 5;

export class ParcoursGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    /** How far back a fact may be dated (spec §11); fixed per parcours at its start, so its history replays alike. */
    private readonly rectificationMois?: number,
  ) {}

  /**
   * Records a fact; `start` opens the parcours when none is running (inscription, demande).
   * `journalSeq`: lines the dossier already holds, from an earlier run of the same person's
   * workflow; a new run numbers its lines after them, so none collides with an earlier one.
   */
  async record(parcoursId: string, event: FactEvent, start: boolean, journalSeq = 0, demandesEnAttente: DemandeNommee[] = []): Promise<ResultatEvenement> {
    const result = await this.mapErrors(async () => {
      if (!start) return this.client.workflow.getHandle(workflowIdOf(parcoursId)).executeUpdate(evenementUpdate, { args: [event] });
      const input: ParcoursInput = {
        parcoursId,
        ...(this.rectificationMois ? { rectificationMois: this.rectificationMois } : {}),
        ...(journalSeq ? { journalSeq } : {}),
        ...(demandesEnAttente.length ? { demandesEnAttente } : {}),
      };
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof parcours>('parcours', {
        workflowId: workflowIdOf(parcoursId),
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return this.client.workflow.executeUpdateWithStart(evenementUpdate, { args: [event], startWorkflowOperation });
    });
    if (!result.accepte) throw new HttpProblem(409, 'Événement refusé', result.motif);
    return result;
  }

  view(parcoursId: string): Promise<ParcoursView> {
    return this.mapErrors(() => this.client.workflow.getHandle(workflowIdOf(parcoursId)).query(etatQuery));
  }

  /** The workflow history as Temporal's proto JSON, the format `npm run audit` reads. */
  async history(parcoursId: string): Promise<unknown> {
    const history = await this.mapErrors(() => this.client.workflow.getHandle(workflowIdOf(parcoursId)).fetchHistory());
    return JSON.parse(historyToJSON(history));
  }

  /** Answers within two seconds: a readiness probe that hangs is no probe. */
  async ready(): Promise<void> {
    await this.client.withDeadline(Date.now() + 2_000, () => this.client.workflowService.getSystemInfo({}));
  }

  private async mapErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) throw new HttpProblem(404, 'Parcours inconnu');
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === EVENEMENT_REFUSE) {
        throw new HttpProblem(409, 'Événement refusé', err.cause.message);
      }
      if (isCompletedError(err)) throw new HttpProblem(409, 'Parcours terminé', 'ce parcours est terminé ; une nouvelle inscription en ouvre un nouveau');
      throw err;
    }
  }
}

function isCompletedError(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${(err as { cause?: Error }).cause?.message ?? ''}` : '';
  return /already completed|workflow execution already completed/i.test(message);
}
