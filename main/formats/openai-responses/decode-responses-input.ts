import type { z } from '../../../shared/zod.js';
import { invalidRequest } from '../../errors/gateway-error.js';
import type { AssistantMessage, FilePart, Message, TextPart, ToolResultPart } from '../../spec/index.js';
import { parseDataUrl } from '../openai-chat/decode-openai-chat-content.js';
import { functionCallItem, functionCallOutputItem, messageItem, reasoningItem, type ResponsesContentPart } from './request-schema.js';
import { reasoningItemMetadata } from './responses-metadata.js';
import type { Untranslatable } from './untranslatable.js';

/**
 * Responses `input` to canonical messages. A string is one user message (never dropped). In an
 * item array, reasoning items, assistant messages and `function_call` items that follow one
 * another form one assistant turn; consecutive `function_call_output` items form one tool
 * message, each result named after the call it answers. Call ids are kept exactly.
 * @see https://platform.openai.com/docs/guides/function-calling
 * @see https://platform.openai.com/docs/guides/conversation-state
 */
export function decodeResponsesInput(input: string | { type?: string | undefined }[], untranslatable: Untranslatable[]): Message[] {
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  const assistantTurn = (): AssistantMessage => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') return last;
    const created: AssistantMessage = { role: 'assistant', content: [] };
    messages.push(created);
    return created;
  };
  input.forEach((raw, index) => {
    const param = `input[${index}]`;
    const type = raw.type ?? 'message';
    switch (type) {
      case 'message': {
        const item = parseItem(messageItem, raw, param);
        const content = typeof item.content === 'string' ? [{ type: 'input_text' as const, text: item.content }] : item.content;
        if (item.role === 'assistant') {
          const turn = assistantTurn();
          for (const part of content) {
            const text = part.type === 'refusal' ? part.refusal : part.type === 'output_text' || part.type === 'input_text' ? part.text : undefined;
            if (text === undefined) throw invalidRequest(`Invalid '${param}.content': an assistant message holds text only.`, `${param}.content`);
            if (text !== '') turn.content.push({ type: 'text', text });
          }
        } else if (item.role === 'user') {
          messages.push({ role: 'user', content: content.map((part, at) => decodePart(part, `${param}.content[${at}]`)) });
        } else {
          const metadata = item.role === 'developer' ? { providerMetadata: { openai: { role: 'developer' } } } : {};
          const texts: TextPart[] = content.map((part, at) => {
            if (part.type !== 'input_text') throw invalidRequest(`Invalid '${param}.content[${at}]': a ${item.role} message holds text only.`, `${param}.content[${at}]`);
            return { type: 'text', text: part.text, ...metadata };
          });
          messages.push({ role: 'system', content: texts });
        }
        return;
      }
      case 'function_call': {
        const item = parseItem(functionCallItem, raw, param);
        toolNames.set(item.call_id, item.name);
        const metadata = item.id ? { providerMetadata: { 'openai-responses': { itemId: item.id } } } : {};
        assistantTurn().content.push({ type: 'tool-call', toolCallId: item.call_id, toolName: item.name, input: item.arguments, ...metadata });
        return;
      }
      case 'function_call_output': {
        const item = parseItem(functionCallOutputItem, raw, param);
        const output = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : item.output.map((part, at) => decodePart(part, `${param}.output[${at}]`));
        const result: ToolResultPart = { type: 'tool-result', toolCallId: item.call_id, toolName: toolNames.get(item.call_id), output, isError: false };
        const last = messages.at(-1);
        if (last?.role === 'tool') last.content.push(result);
        else messages.push({ role: 'tool', content: [result] });
        return;
      }
      case 'reasoning': {
        const item = parseItem(reasoningItem, raw, param);
        // Summaries are what the model showed; raw reasoning text (open models) when there is no summary.
        const texts = (item.summary?.length ? item.summary : (item.content ?? [])).map((part) => part.text);
        const metadata = reasoningItemMetadata(item.id ?? undefined, item.encrypted_content ?? undefined);
        assistantTurn().content.push({ type: 'reasoning', text: texts.join('\n\n'), ...(metadata ? { providerMetadata: metadata } : {}) });
        return;
      }
      default:
        // Hosted tool calls and their outputs, `item_reference`: only a Responses upstream understands them.
        untranslatable.push({ param, what: `an input item of type '${type}'` });
    }
  });
  return messages;
}

function parseItem<T>(schema: z.ZodMiniType<T>, raw: unknown, param: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  throw invalidRequest(`Invalid '${param}${path}': ${issue?.message ?? 'invalid item'}`, `${param}${path}`);
}

function decodePart(part: ResponsesContentPart, param: string): TextPart | FilePart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image': {
      if (!part.image_url) throw invalidRequest(`Invalid '${param}': an image uploaded to OpenAI (file_id) cannot be sent to this model's provider; send 'image_url'.`, param);
      const metadata = part.detail ? { providerMetadata: { openai: { imageDetail: part.detail } } } : {};
      return { ...decodeUrl(part.image_url, 'image/*', param), ...metadata };
    }
    case 'input_file': {
      const named = part.filename ? { filename: part.filename } : {};
      if (part.file_data) return { ...decodeUrl(part.file_data, fileTypeOf(part.filename), param), ...named };
      if (part.file_url) return { ...decodeUrl(part.file_url, fileTypeOf(part.filename), param), ...named };
      throw invalidRequest(`Invalid '${param}': a file uploaded to OpenAI (file_id) cannot be sent to this model's provider; send 'file_data'.`, param);
    }
  }
}

function decodeUrl(url: string, fallbackType: string, param: string): FilePart {
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    if (!parsed) throw invalidRequest(`Invalid '${param}': a data URL must look like data:<media type>;base64,<data>.`, param);
    return { type: 'file', mediaType: parsed.mediaType, data: { kind: 'base64', base64: parsed.base64 } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'file', mediaType: fallbackType, data: { kind: 'url', url } };
  // Bare base64 (OpenAI's own file examples send PDFs so) says nothing of its type but the name.
  return { type: 'file', mediaType: fallbackType, data: { kind: 'base64', base64: url } };
}

function fileTypeOf(filename: string | null | undefined): string {
  return filename?.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
}
