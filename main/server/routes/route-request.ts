import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest } from '../../errors/gateway-error.js';
import type { ProviderCatalog } from '../../gateway/provider-catalog.js';
import type { RouteRequest } from '../../gateway/routing/routing-engine.js';
import { locals } from '../request-context.js';
import { requestHeader } from '../request-header.js';

/** Typical UTF-8 bytes per token; policies only need the order of magnitude. */
const bytesPerToken = 4;
const maxSessionIdLength = 200;

/**
 * What routing reads from a chat request: the model (pinned to a provider on
 * `/v1/providers/{provider}/...`), the client key, the sticky session (`X-Session-Id` header or
 * `x_session_id` body field, which is removed so no upstream sees an unknown field) and the
 * routing tags (`X-OmniRoute-Tag`).
 */
export function routeRequestOf(input: {
  req: IncomingMessage;
  res: ServerResponse;
  body: Record<string, unknown>;
  model: string;
  bodyBytes: number;
  catalog: ProviderCatalog;
}): RouteRequest {
  const { req, body } = input;
  const requestLocals = locals(input.res);
  let sessionId = requestHeader(req, 'x-session-id');
  if (typeof body.x_session_id === 'string') sessionId ??= body.x_session_id;
  delete body.x_session_id;
  if (sessionId !== undefined) {
    sessionId = sessionId.trim();
    if (sessionId.length === 0 || sessionId.length > maxSessionIdLength || /[^\x21-\x7e]/.test(sessionId)) {
      throw invalidRequest(`The session id must be 1-${maxSessionIdLength} visible ASCII characters.`, 'x_session_id');
    }
  }
  const tags = requestHeader(req, 'x-omniroute-tag')
    ?.split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return {
    model: pinnedModel(input.model, requestLocals.pinnedProvider, input.catalog),
    apiKey: requestLocals.apiKey,
    sessionId,
    tags: tags ?? [],
    inputTokens: Math.ceil(input.bodyBytes / bytesPerToken),
    pinned: requestLocals.pinnedProvider !== undefined,
  };
}

/**
 * On `/v1/providers/{provider}/...` the provider is fixed: a bare model gets its prefix, and a
 * model that names another configured provider is a mistake worth a clear 400.
 */
function pinnedModel(model: string, provider: string | undefined, catalog: ProviderCatalog): string {
  if (provider === undefined) return model;
  if (model.startsWith(provider + '/')) return model;
  const slash = model.indexOf('/');
  const prefix = slash > 0 ? model.slice(0, slash) : undefined;
  if (prefix !== undefined && catalog.get(prefix)) {
    throw invalidRequest(`The model '${model}' belongs to provider '${prefix}', but this endpoint is pinned to provider '${provider}'. Use '${provider}/...' or the endpoint of '${prefix}'.`, 'model');
  }
  return `${provider}/${model}`;
}
