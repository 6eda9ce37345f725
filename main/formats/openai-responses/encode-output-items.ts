import type { ReasoningPart, TextPart, ToolCallPart } from '../../spec/index.js';
import { readReasoningItem } from './responses-metadata.js';

export type OutputItem = Record<string, unknown>;

/** Item ids the client can refer to; an upstream reasoning item keeps its own (`rs_...`). */
export function itemId(kind: 'msg' | 'rs' | 'fc', responseId: string, index: number): string {
  return `${kind}_${responseId.slice('resp_'.length)}${index}`;
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed'): OutputItem {
  return { id, type: 'message', status, role: 'assistant', content: status === 'in_progress' ? [] : [outputText(text)] };
}

export function outputText(text: string): Record<string, unknown> {
  return { type: 'output_text', text, annotations: [] };
}

/**
 * A reasoning item: the visible reasoning as one summary part, and `encrypted_content` when the
 * upstream gave it, so the client can send the item back and the model keeps its reasoning.
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
export function reasoningItem(id: string, text: string, encryptedContent: string | undefined): OutputItem {
  return {
    id,
    type: 'reasoning',
    summary: text === '' ? [] : [{ type: 'summary_text', text }],
    ...(encryptedContent === undefined ? {} : { encrypted_content: encryptedContent }),
  };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: 'in_progress' | 'completed'): OutputItem {
  return { id, type: 'function_call', status, arguments: args, call_id: callId, name };
}

/** A whole answer's content as output items, in order; consecutive text parts form one message. */
export function encodeOutputItems(content: (TextPart | ReasoningPart | ToolCallPart)[], responseId: string): OutputItem[] {
  const items: OutputItem[] = [];
  let text: string | undefined;
  const flushText = (): void => {
    if (text === undefined) return;
    items.push(messageItem(itemId('msg', responseId, items.length), text, 'completed'));
    text = undefined;
  };
  for (const part of content) {
    if (part.type === 'text') {
      text = (text ?? '') + part.text;
      continue;
    }
    flushText();
    if (part.type === 'reasoning') {
      const stored = readReasoningItem(part.providerMetadata);
      items.push(reasoningItem(stored.itemId ?? itemId('rs', responseId, items.length), part.text, stored.encryptedContent));
    } else {
      items.push(functionCallItem(itemId('fc', responseId, items.length), part.toolCallId, part.toolName, part.input, 'completed'));
    }
  }
  flushText();
  return items;
}
