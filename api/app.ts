/**
 * The HTTP API of Parcours (`/v1`). The back-office records facts; each becomes a signal to the
 * CE's parcours workflow, addressed by the pseudonymous id (the NISS only ever travels in a body).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { CpasRegistry } from '../lib/cpas-registry';
import type { DossierStore } from '../lib/dossier-store';
import { parcoursIdOf, workflowIdOf } from '../lib/pseudonym';
import { civilDateInBrussels } from '../domain/calendar';
import { affectationSignal, authentificationSignal, etatQuery, inscriptionSignal, type ParcoursInput } from '../workflows/definitions';
import { HttpProblem, sendProblem, validationProblem } from './problem';
import { affectationSchema, authentificationSchema, inscriptionSchema, parcoursIdSchema } from './schemas';

export interface ApiDeps {
  client: Client;
  store: DossierStore;
  registry: CpasRegistry;
  taskQueue: string;
  pseudonymSecret: string;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationProblem(r.error);
  return r.data;
}

export function createApp({ client, store, registry, taskQueue, pseudonymSecret }: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));

  const parcoursParam = (req: Request): string => {
    const r = parcoursIdSchema.safeParse(req.params.parcoursId);
    if (!r.success) throw new HttpProblem(404, 'Parcours inconnu');
    return r.data;
  };

  const notFoundAsProblem = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Parcours inconnu');
      throw err;
    }
  };

  app.get('/v1/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post('/v1/inscriptions', async (req, res) => {
    const { niss, id, ...fact } = parse(inscriptionSchema, req.body);
    if (fact.cpas && !registry.conventionEnVigueur(fact.cpas, civilDateInBrussels(Date.now()))) {
      throw new HttpProblem(422, 'CPAS sans convention en vigueur', `le CPAS ${fact.cpas} n’a pas de convention de coopération en vigueur`, [
        { field: 'cpas', reason: 'aucune convention de coopération en vigueur pour ce CPAS' },
      ]);
    }
    const parcoursId = parcoursIdOf(niss, pseudonymSecret);
    const eventId = id ?? randomUUID();
    const input: ParcoursInput = { parcoursId };
    await client.workflow.signalWithStart('parcours', {
      workflowId: workflowIdOf(parcoursId),
      taskQueue,
      args: [input],
      signal: inscriptionSignal,
      signalArgs: [{ id: eventId, ...fact }],
    });
    res.status(202).json({ parcoursId, eventId });
  });

  const factRoute = <S extends z.ZodType>(path: string, schema: S, signal: typeof authentificationSignal | typeof affectationSignal) => {
    app.post(`/v1/parcours/:parcoursId/${path}`, async (req, res) => {
      const parcoursId = parcoursParam(req);
      const body = parse(schema, req.body) as { id?: string };
      const eventId = body.id ?? randomUUID();
      await notFoundAsProblem(() => client.workflow.getHandle(workflowIdOf(parcoursId)).signal(signal as never, { ...body, id: eventId } as never));
      res.status(202).json({ parcoursId, eventId });
    });
  };
  factRoute('authentification', authentificationSchema, authentificationSignal);
  factRoute('affectation', affectationSchema, affectationSignal);

  app.get('/v1/parcours/:parcoursId', async (req, res) => {
    const parcoursId = parcoursParam(req);
    const etat = await notFoundAsProblem(() => client.workflow.getHandle(workflowIdOf(parcoursId)).query(etatQuery));
    res.json({ ...etat, dossier: store.journal(parcoursId) });
  });

  app.use((_req, _res, next) => next(new HttpProblem(404, 'Ressource inconnue')));

  // Express 5 forwards rejected promises here. Body-parser errors carry their own 4xx status.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) return sendProblem(res, err);
    const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const title = type === 'entity.parse.failed' ? 'Corps JSON illisible' : type === 'entity.too.large' ? 'Corps trop volumineux' : 'Requête refusée';
      return sendProblem(res, new HttpProblem(status, title));
    }
    console.error('unexpected error', err instanceof Error ? err.message : 'unknown');
    sendProblem(res, new HttpProblem(503, 'Service momentanément indisponible', 'réessayez plus tard'));
  });
  return app;
}
