import { GatewayError } from '../../errors/gateway-error.js';
import type { AssistantMessage, ChatRequest, GenerateResult, Message } from '../../spec/index.js';
import { isInstructionsText, readResponsesRequestMetadata, responsesMetadataKey } from './responses-metadata.js';

/** One stored response: the conversation up to and including its answer, in canonical terms. */
export interface StoredResponse {
  id: string;
  /** The model as the client named it. */
  model: string;
  /** Seconds since the epoch. */
  createdAt: number;
  /** Every message of the turn (earlier history, input, then the answer); `instructions` left out. */
  messages: Message[];
}

/**
 * Where responses created with `store` live, so that `previous_response_id` can continue them. The
 * router backs it with SQLite; tests use the in-memory one.
 */
export interface ResponseStore {
  get(id: string): StoredResponse | undefined;
  put(id: string, record: StoredResponse): void;
}

export function createMemoryResponseStore(): ResponseStore {
  const records = new Map<string, StoredResponse>();
  return { get: (id) => records.get(id), put: (id, record) => void records.set(id, record) };
}

/**
 * A request that continues `previousId` with the stored conversation put before its own input.
 * The new request's `instructions` apply; the earlier response's are not carried over, as OpenAI
 * documents. An unknown id is a 400 in OpenAI's terms naming `previous_response_id`.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-previous_response_id
 */
export function expandPreviousResponse(request: ChatRequest, previousId: string, store: ResponseStore): ChatRequest {
  const previous = store.get(previousId);
  if (previous === undefined) {
    throw new GatewayError({ code: 'invalid_request', status: 400, param: 'previous_response_id', message: `Previous response with id '${previousId}' not found.` });
  }
  const instructions = request.messages.filter(isInstructionsMessage);
  const input = request.messages.filter((message) => !isInstructionsMessage(message));
  const entry = request.providerMetadata[responsesMetadataKey] ?? {};
  return {
    ...request,
    messages: [...instructions, ...previous.messages, ...input],
    providerMetadata: { ...request.providerMetadata, [responsesMetadataKey]: { ...entry, previousResponseId: previousId } },
  };
}

/**
 * Stores an answered request when the client did not opt out (`store` defaults to true). Call it
 * with the request as expanded, so the record holds the whole conversation.
 */
export function recordResponse(options: { store: ResponseStore; id: string; request: ChatRequest; content: GenerateResult['content']; createdAt: number }): void {
  if (readResponsesRequestMetadata(options.request.providerMetadata).store === false) return;
  const answer: AssistantMessage = { role: 'assistant', content: options.content };
  options.store.put(options.id, {
    id: options.id,
    model: options.request.model,
    createdAt: options.createdAt,
    messages: [...options.request.messages.filter((message) => !isInstructionsMessage(message)), ...(answer.content.length > 0 ? [answer] : [])],
  });
}

function isInstructionsMessage(message: Message): boolean {
  return message.role === 'system' && message.content.some((part) => isInstructionsText(part.providerMetadata));
}
