/**
 * The OpenAPI 3.1 document, generated from the operations table and their zod schemas: every
 * request body, query parameter and 200 answer from the schemas the code validates and returns,
 * and every status an operation can answer, those all operations share added here.
 */
import { z } from 'zod';
import type { Operation } from './operations';
import { healthAnswerSchema, problemSchema, readyAnswerSchema } from './responses';
import { MAX_JSON_DEPTH } from './json-depth';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io }) as Record<string, unknown>;
  return rest;
}

const ALL_ROLES = ['backoffice', 'auditor', 'cpas'];

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const retryAfter = { 'Retry-After': { description: 'Secondes à attendre avant de réessayer', schema: { type: 'string', pattern: '^[0-9]+$' } } };

/** What every operation may answer besides its own statuses. */
function commonResponses(op: Operation): Record<string, unknown> {
  const r: Record<string, unknown> = {
    401: problem('Clé d’API manquante ou inconnue'),
    429: problem('Trop d’échecs d’authentification depuis cette adresse', retryAfter),
    503: problem('Temporal ou la base de données ne répond pas : réessayer plus tard (avec la même Idempotency-Key pour une écriture)'),
  };
  if (ALL_ROLES.some((role) => !op.roles.includes(role as never)) || op.responses[403]) r[403] = problem(op.responses[403] ?? 'Hors du rôle de la clé');
  if (op.body || op.write || op.query) {
    r[400] = problem(
      op.responses[400] ??
        `Entrée invalide : chaque champ en faute et sa raison${op.write ? ' ; Idempotency-Key absente ou mal formée' : ''}${op.body ? ` ; corps JSON illisible ou imbriqué sur plus de ${MAX_JSON_DEPTH} niveaux` : ''}`,
    );
  }
  if (op.body) r[413] = problem('Corps de plus de 64 ko');
  if (op.write) {
    r[409] = problem(op.responses[409] ?? 'Requête identique (même Idempotency-Key) encore en cours', retryAfter);
    r[422] = problem(op.responses[422] ? `${op.responses[422]} ; ou Idempotency-Key déjà utilisée pour une autre requête` : 'Idempotency-Key déjà utilisée pour une autre requête');
  }
  return r;
}

export function openApiDocument(ops: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const params: Array<Record<string, unknown>> = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      const query = jsonSchema(op.query, 'input') as { properties: Record<string, Record<string, unknown>> };
      for (const [name, schema] of Object.entries(query.properties)) {
        const { description, ...rest } = schema;
        params.push({ name, in: 'query', required: false, ...(description ? { description } : {}), schema: rest });
      }
    }
    if (op.write) params.push({ name: 'Idempotency-Key', in: 'header', required: true, description: 'Une clé par requête ; une nouvelle tentative de la même requête réutilise la sienne', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' } });
    const own = Object.fromEntries(
      Object.entries(op.responses)
        .filter(([status]) => Number(status) !== 200 && ![400, 403, 409, 422].includes(Number(status)))
        .map(([status, description]) => [status, problem(description)]),
    );
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        tags: [op.tag],
        description: `Rôles : ${op.roles.map((r) => (r === 'cpas' ? 'cpas:<numéro d’entreprise>' : r)).join(', ')}.`,
        security: [{ bearer: [] }],
        ...(params.length ? { parameters: params } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
        responses: {
          200: {
            description: op.responses[200] ?? 'Succès',
            ...(op.write ? { headers: { 'Idempotent-Replayed': { description: '`true` quand la réponse est celle d’une requête déjà faite avec cette Idempotency-Key', schema: { type: 'string', enum: ['true'] } } } } : {}),
            ...(op.produces?.headers
              ? { headers: Object.fromEntries(Object.entries(op.produces.headers).map(([name, h]) => [name, { description: h.description, required: true, schema: { type: 'string', pattern: h.pattern } }])) }
              : {}),
            content: { [op.produces?.mediaType ?? 'application/json']: { schema: jsonSchema(op.answer, 'output') } },
          },
          ...commonResponses(op),
          ...own,
        },
      },
    };
  }
  const json = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema, 'output') } });
  paths['/v1/health'] = { get: { operationId: 'health', summary: 'Le processus répond', tags: ['Exploitation'], security: [], responses: { 200: { description: 'Vivant', content: json(healthAnswerSchema) } } } };
  paths['/v1/ready'] = {
    get: {
      operationId: 'ready',
      summary: 'Temporal et la base de données répondent',
      tags: ['Exploitation'],
      security: [],
      responses: { 200: { description: 'Prêt', content: json(readyAnswerSchema) }, 503: { description: 'Temporal ou la base ne répond pas', content: json(readyAnswerSchema) } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parcours — API du back-office et des CPAS',
      version: '1',
      description: [
        'Enregistre les faits du parcours des chercheurs d’emploi (AGW du 9 octobre 2025) et les demandes des CPAS. Les personnes sont désignées par un pseudonyme (parcoursId) ; le NISS ne voyage que dans un corps de requête. Toute écriture exige un en-tête Idempotency-Key.',
        'Ce que JSON Schema ne dit pas : la clé de contrôle du NISS (format `niss`) et du numéro d’entreprise (format `numero-entreprise`), modulo 97 ; un CPAS qui n’a fait qu’une demande ne voit d’une personne que ce qui concerne sa demande (les champs facultatifs de l’état sont alors absents).',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Clé d’API' } }, schemas: { Problem: jsonSchema(problemSchema, 'output') } },
    paths,
  };
}
