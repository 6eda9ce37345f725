import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../../formats/client-format.js';
import { applyRequestPolicies } from '../../gateway/request-policies.js';
import { notesHeader } from '../notes-header.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

/**
 * Applies the request policies to the client's body before routing and makes them visible: named
 * in `x-omniroute-policies` and in the log. The notes
 * go on into the request's usage record.
 */
export function applyPolicies(input: { context: RouterContext; format: ClientFormat; body: Record<string, unknown>; res: ServerResponse }): readonly string[] {
  const { context, res } = input;
  const notes = applyRequestPolicies(input.format, input.body, context.settings.current);
  if (notes.length === 0) return notes;
  res.setHeader('x-omniroute-policies', notesHeader(notes));
  context.logger.info('request policies applied to the body', { requestId: locals(res).requestId, policies: notes });
  return notes;
}
