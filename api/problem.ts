/** Errors as RFC 9457 `application/problem+json`, naming each field and the reason. */
import type { Response } from 'express';
import type { ZodError } from 'zod';

export interface FieldError {
  field: string;
  reason: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Headers the answer carries (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(corps)', reason: i.message }));
}

export function validationProblem(error: ZodError): HttpProblem {
  const errors = fieldErrors(error);
  return new HttpProblem(400, 'Requête invalide', errors.map((e) => `${e.field} : ${e.reason}`).join(' ; '), errors);
}

export function problemBody(p: HttpProblem) {
  return { type: 'about:blank', title: p.title, status: p.status, ...(p.detail ? { detail: p.detail } : {}), ...(p.errors ? { errors: p.errors } : {}) };
}

export function sendProblem(res: Response, p: HttpProblem): void {
  for (const [name, value] of Object.entries(p.headers)) res.setHeader(name, value);
  res.status(p.status).type('application/problem+json').json(problemBody(p));
}
