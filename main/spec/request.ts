import type { JsonValue, ProviderMetadata } from './json-value.js';
import type { Message, ToolChoice, ToolDefinition } from './prompt.js';

/** One chat request in neutral terms: what every client format decodes to. */
export interface ChatRequest {
  /** The model as the client named it (`provider/model`, alias or combo). */
  model: string;
  messages: Message[];
  tools: ToolDefinition[];
  toolChoice: ToolChoice | undefined;
  /** Whether the model may call several tools in one turn; undefined = upstream default. */
  parallelToolCalls: boolean | undefined;
  maxOutputTokens: number | undefined;
  temperature: number | undefined;
  topP: number | undefined;
  topK: number | undefined;
  stopSequences: string[];
  seed: number | undefined;
  responseFormat: ResponseFormat | undefined;
  reasoning: ReasoningOptions | undefined;
  /** The client asked for a stream. */
  stream: boolean;
  /** Opaque end-user id for abuse tracking (OpenAI `user`, Anthropic `metadata.user_id`). */
  user: string | undefined;
  /** Client-format fields with no neutral home, restored when the upstream speaks that format. */
  providerMetadata: ProviderMetadata;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json'; schema: { [key: string]: JsonValue | undefined } | undefined; name: string | undefined; strict: boolean | undefined };

export interface ReasoningOptions {
  /** OpenAI-style effort. */
  effort: 'minimal' | 'low' | 'medium' | 'high' | undefined;
  /** Anthropic/Gemini-style token budget. */
  budgetTokens: number | undefined;
}
