/** The OpenAPI 3.1 document, generated from the operations table and their zod schemas. */
import { z } from 'zod';
import type { Operation } from './operations';

const problem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } }, required: ['field', 'reason'] } },
  },
  required: ['title', 'status'],
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return rest;
}

export function openApiDocument(ops: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.write) {
      params.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' } as never });
    }
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        tags: [op.tag],
        description: `Rôles : ${op.roles.map((r) => (r === 'cpas' ? 'cpas:<numéro d’entreprise>' : r)).join(', ')}.`,
        security: [{ bearer: [] }],
        ...(params.length ? { parameters: params } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, description]) => [
            status,
            { description, content: Number(status) < 400 ? { 'application/json': { schema: { type: 'object' } } } : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
          ]),
        ),
      },
    };
  }
  paths['/v1/health'] = { get: { operationId: 'health', summary: 'Le processus répond', tags: ['Exploitation'], security: [], responses: { 200: { description: 'Vivant' } } } };
  paths['/v1/ready'] = { get: { operationId: 'ready', summary: 'Temporal et la base de données répondent', tags: ['Exploitation'], security: [], responses: { 200: { description: 'Prêt' }, 503: { description: 'Temporal ou la base ne répond pas' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parcours — API du back-office et des CPAS',
      version: '1',
      description:
        'Enregistre les faits du parcours des chercheurs d’emploi (AGW du 9 octobre 2025) et les demandes des CPAS. Les personnes sont désignées par un pseudonyme (parcoursId) ; le NISS ne voyage que dans un corps de requête. Toute écriture exige un en-tête Idempotency-Key.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Clé d’API' } }, schemas: { Problem: problem } },
    paths,
  };
}
