import type { JsonValue, ProviderMetadata } from './json-value.js';

/** Text, in any message. */
export interface TextPart {
  type: 'text';
  text: string;
  providerMetadata?: ProviderMetadata;
}

/** An image or document the user (or a tool result) supplies. */
export interface FilePart {
  type: 'file';
  /** IANA media type, e.g. `image/png`, `application/pdf`. */
  mediaType: string;
  /** Inline base64 data, or a URL the upstream fetches itself. */
  data: { kind: 'base64'; base64: string } | { kind: 'url'; url: string };
  filename?: string;
  providerMetadata?: ProviderMetadata;
}

/** The model's visible or redacted reasoning, kept so it can be replayed to the same upstream. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic thinking signature; required to replay thinking blocks. */
  signature?: string;
  /** Anthropic `redacted_thinking` data: opaque, replayed as is. */
  redactedData?: string;
  providerMetadata?: ProviderMetadata;
}

/** A call the assistant made. */
export interface ToolCallPart {
  type: 'tool-call';
  /** The id exactly as the upstream or client gave it; never rewritten. */
  toolCallId: string;
  toolName: string;
  /** The arguments as JSON text, exactly as produced (it may not even parse). */
  input: string;
  providerMetadata?: ProviderMetadata;
}

/** What a tool returned. */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Known when the client format carries it (OpenAI does not: looked up from the call). */
  toolName: string | undefined;
  output: (TextPart | FilePart)[];
  /** The tool failed (Anthropic `is_error`). */
  isError: boolean;
  providerMetadata?: ProviderMetadata;
}

export interface SystemMessage {
  role: 'system';
  content: TextPart[];
}

export interface UserMessage {
  role: 'user';
  content: (TextPart | FilePart)[];
}

export interface AssistantMessage {
  role: 'assistant';
  content: (TextPart | ReasoningPart | ToolCallPart)[];
}

export interface ToolMessage {
  role: 'tool';
  content: ToolResultPart[];
}

/**
 * The conversation. System messages may appear anywhere (OpenAI allows it); translators for
 * upstreams with a single system slot merge them in order.
 */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A function the model may call. */
export interface ToolDefinition {
  name: string;
  description: string | undefined;
  /** JSON Schema of the arguments, as the client sent it (sanitised per upstream by its adapter). */
  inputSchema: { [key: string]: JsonValue | undefined };
  providerMetadata?: ProviderMetadata;
}

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; toolName: string };
