import type { ConversationState } from '../client-format.js';
import { responseIdFor } from './response-object.js';
import { expandPreviousResponse, recordResponse, type ResponseStore } from './response-store.js';
import { readResponsesRequestMetadata } from './responses-metadata.js';

/**
 * `previous_response_id` and `store` for the Responses route. An id OmniRoute issued is expanded
 * from its own store (so the request is translated even for a Responses upstream, which never saw
 * that id); any other id passes through to a Responses upstream that may know it.
 */
export function responsesState(store: ResponseStore): ConversationState {
  return {
    needsTranslation: (body) => typeof body.previous_response_id === 'string' && store.get(body.previous_response_id) !== undefined,
    expand(request) {
      const previous = readResponsesRequestMetadata(request.providerMetadata).previousResponseId;
      return previous === undefined ? request : expandPreviousResponse(request, previous, store);
    },
    record(request, content, requestId) {
      recordResponse({ store, id: responseIdFor(requestId), request, content, createdAt: Math.floor(Date.now() / 1000) });
    },
  };
}
