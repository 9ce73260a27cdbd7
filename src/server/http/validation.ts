import type { z } from 'zod';
import { HttpError } from './httpError';

/** One problem of a request's input: where (path, query, body), the field's path in it, and what is wrong. */
export interface ValidationIssue {
  location: string;
  path: string;
  message: string;
}

export function validationIssues(location: string, error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ location, path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The 400 answer listing every problem (plain data: it may come back from a worker thread). */
export function validationRefusal(issues: readonly ValidationIssue[]) {
  const summary = issues.map((issue) => `${issue.location}${issue.path ? `.${issue.path}` : ''}: ${issue.message}`);
  return {
    status: 400 as const,
    code: 'invalid_input',
    message: `invalid input: ${summary.join('; ')}`,
    details: { issues: [...issues] },
  };
}

export function validationError(issues: readonly ValidationIssue[]): HttpError {
  const { status, code, message, details } = validationRefusal(issues);
  return new HttpError(status, code, message, details);
}
