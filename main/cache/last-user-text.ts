import type { ClientFormatId } from '../formats/client-format.js';
import { isJsonObject } from './json-object.js';

/** A request split for the semantic cache: the last user message's text, and everything else. */
export interface SemanticQuery {
  text: string;
  /** The body with that message's text taken out: requests match only when this is identical. */
  rest: Record<string, unknown>;
}

const placeholder = '\u0000query';

/**
 * Finds the last user message of a chat body in any client format. Only that message may differ
 * between two requests the semantic cache treats as the same: the model, parameters, tools and
 * the whole history before it must be equal.
 */
export function semanticQuery(format: ClientFormatId, body: Record<string, unknown>): SemanticQuery | undefined {
  if (format === 'ollama' && typeof body.prompt === 'string') return { text: body.prompt, rest: { ...body, prompt: placeholder } };
  if (format === 'openai-responses' && typeof body.input === 'string') return { text: body.input, rest: { ...body, input: placeholder } };
  const field = format === 'gemini' ? 'contents' : format === 'openai-responses' ? 'input' : 'messages';
  const list = body[field];
  if (!Array.isArray(list)) return undefined;
  const index = list.findLastIndex((item: unknown) => isJsonObject(item) && item.role === 'user');
  if (index === -1) return undefined;
  const message = list[index] as Record<string, unknown>;
  const text = textOf(format === 'gemini' ? message.parts : message.content);
  if (!text) return undefined;
  const copy = [...list];
  copy[index] = { role: 'user', content: placeholder };
  return { text, rest: { ...body, [field]: copy } };
}

/** A content string, or the text of its text parts (every format names that field `text`). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isJsonObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}
