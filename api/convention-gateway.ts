/**
 * How the API talks to the convention workflows (spec §12): facts through the `conventionFait`
 * Update (with start for the proposal, the convention's first stage), state through its query.
 * A new proposal after a convention ended starts a new run that numbers its journal after the
 * lines already written, so that none is lost.
 */
import { isGrpcServiceError, WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ConventionFact, ConventionState } from '../domain/convention';
import type { ConventionStore } from '../lib/convention-store';
import { conventionEtatQuery, conventionFaitUpdate, conventionWorkflowId, FAIT_CONVENTION_REFUSE, type ResultatFaitConvention } from '../workflows/convention-definitions';
import type { convention } from '../workflows';
import { HttpProblem } from './problem';

const GRPC_NOT_FOUND = 5;

export class ConventionGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly store: ConventionStore,
  ) {}

  async record(cpas: string, fact: ConventionFact): Promise<ResultatFaitConvention> {
    return this.mapErrors(async () => {
      const workflowId = conventionWorkflowId(cpas);
      if (fact.type !== 'proposition') return this.client.workflow.getHandle(workflowId).executeUpdate(conventionFaitUpdate, { args: [fact] });
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof convention>('convention', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ cpas, journalSeq: await this.store.dernierNumero(cpas) }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return this.client.workflow.executeUpdateWithStart(conventionFaitUpdate, { args: [fact], startWorkflowOperation });
    });
  }

  etat(cpas: string): Promise<ConventionState> {
    return this.mapErrors(() => this.client.workflow.getHandle(conventionWorkflowId(cpas)).query(conventionEtatQuery));
  }

  private async mapErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) throw new HttpProblem(404, 'Convention inconnue', 'aucun dossier de proposition déposé pour ce CPAS');
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === FAIT_CONVENTION_REFUSE) throw new HttpProblem(409, 'Fait refusé', err.cause.message);
      const message = err instanceof Error ? `${err.message} ${(err as { cause?: Error }).cause?.message ?? ''}` : '';
      if (/already completed/i.test(message)) throw new HttpProblem(409, 'Convention terminée', 'cette convention a pris fin ; un nouveau dossier de proposition en ouvre une nouvelle');
      throw err;
    }
  }
}
