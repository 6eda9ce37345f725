import type { z } from '../../../shared/zod.js';
import { invalidRequest } from '../../errors/gateway-error.js';
import { chatCompletionRequestSchema, type ChatCompletionRequest } from './request-schema.js';

type Issue = z.core.$ZodIssue;

/**
 * Validates a request for translation. A value that matches no branch of a union (`content` is a
 * string or an array of parts) is reported inside the branch whose type it has, so the client reads
 * `messages[2].tool_calls[0].function.name`, not just `messages[2]`.
 */
export function validateChatCompletionRequest(body: unknown): ChatCompletionRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const result = chatCompletionRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw invalidRequest('Invalid request.');
  const { path, message } = innermost(first, []);
  const param = formatPath(path);
  throw invalidRequest(param ? `Invalid '${param}': ${message}` : `Invalid request: ${message}`, param || undefined);
}

function innermost(issue: Issue, base: PropertyKey[]): { path: PropertyKey[]; message: string } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, message: issue.message };
  // A branch whose first complaint is about the value's own type is a branch of another type.
  const sameType = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'));
  const chosen = sameType.length === 1 ? sameType[0]?.[0] : undefined;
  if (chosen) return innermost(chosen, path);
  const expected = issue.errors.flatMap((branch) => branch.flatMap((inner) => (inner.code === 'invalid_type' && inner.path.length === 0 ? [inner.expected] : [])));
  return { path, message: expected.length > 0 ? `expected ${joinAlternatives(expected)}` : issue.message };
}

function joinAlternatives(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length === 1) return unique[0] as string;
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1) as string}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}
