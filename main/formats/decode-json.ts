import type { z } from '../../shared/zod.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';

/** Parses a request body, turning a syntax error into a 400 that says where the JSON broke. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw invalidRequest('The request body is empty; expected a JSON object.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new GatewayError({
      code: 'invalid_json',
      status: 400,
      message: `The request body is not valid JSON: ${(error as Error).message}`,
    });
  }
}

/** Validates a decoded body, naming the first offending field as the client sent it. */
export function validateBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue ? formatPath(issue.path) : undefined;
  const detail = issue ? issue.message : 'invalid request';
  throw invalidRequest(param ? `Invalid '${param}': ${detail}` : `Invalid request: ${detail}`, param);
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}
