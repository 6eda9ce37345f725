import type { JsonValue } from '../../spec/index.js';

/**
 * The Messages request body as this adapter writes it: the subset of Anthropic's parameters that
 * the canonical request can express.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  system?: AnthropicTextBlock[];
  messages: AnthropicMessageParam[];
  /** Client tools, then any Anthropic-defined tools an Anthropic client sent, as it sent them. */
  tools?: (AnthropicTool | JsonValue)[];
  tool_choice?: AnthropicToolChoice;
  /** Ours is always `enabled` with a budget; an Anthropic client's own (e.g. `adaptive`) is kept as sent. */
  thinking?: { type: 'enabled'; budget_tokens: number } | { [key: string]: JsonValue | undefined };
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  output_config?: { format: { type: 'json_schema'; schema: { [key: string]: JsonValue | undefined } } } | { [key: string]: JsonValue | undefined };
  stream?: true;
}

/** `{type: 'ephemeral', ttl?}`, copied as the client sent it. */
export type AnthropicCacheControl = { [key: string]: JsonValue | undefined };

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'text'; media_type: 'text/plain'; data: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicDocumentBlock {
  type: 'document';
  source: AnthropicSource;
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: { [key: string]: JsonValue | undefined };
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: (AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock)[];
  is_error?: true;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type AnthropicUserBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock | AnthropicToolResultBlock;
export type AnthropicAssistantBlock = AnthropicTextBlock | AnthropicThinkingBlock | AnthropicRedactedThinkingBlock | AnthropicToolUseBlock;

export type AnthropicMessageParam = { role: 'user'; content: AnthropicUserBlock[] } | { role: 'assistant'; content: AnthropicAssistantBlock[] };

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: { [key: string]: JsonValue | undefined };
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: true }
  | { type: 'any'; disable_parallel_tool_use?: true }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: true }
  | { type: 'none' };
