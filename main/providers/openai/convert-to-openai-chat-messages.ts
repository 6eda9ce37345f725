import { invalidRequest } from '../../errors/gateway-error.js';
import type { AssistantMessage, FilePart, Message, TextPart, ToolResultPart } from '../../spec/index.js';
import { openAiPartMetadata } from './openai-request-metadata.js';

export type OpenAiContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: 'wav' | 'mp3' } }
  | { type: 'file'; file: { filename?: string; file_data: string } };

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAiChatMessage =
  | { role: 'system' | 'developer'; content: string }
  | { role: 'user'; content: string | OpenAiContentPart[] }
  | { role: 'assistant'; content: string | null; reasoning_content?: string; tool_calls?: OpenAiToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/**
 * Canonical messages as Chat Completions messages. OpenAI wants a turn's `tool` messages right
 * after the assistant message that made the calls, one per result, so they are placed there even
 * when another format put text between. Tool messages take only text: images (and documents) a
 * tool returned follow the turn's tool messages as one user message, the nearest place where the
 * model still sees them.
 * @see https://platform.openai.com/docs/guides/function-calling
 */
export function convertToOpenAiChatMessages(messages: Message[], options: { replayReasoning: boolean }): OpenAiChatMessage[] {
  const converted: OpenAiChatMessage[] = [];
  /** Where the turn's next tool message goes: after the assistant message and its earlier results. */
  let toolSlot: number | undefined;
  let toolFiles: OpenAiContentPart[] = [];
  const placeToolFiles = (): void => {
    if (toolFiles.length === 0) return;
    converted.splice(toolSlot ?? converted.length, 0, { role: 'user', content: toolFiles });
    toolFiles = [];
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const developer = message.content.some((part) => openAiPartMetadata(part.providerMetadata, 'role') === 'developer');
        converted.push({ role: developer ? 'developer' : 'system', content: systemText(message.content) });
        break;
      }
      case 'user':
        converted.push({ role: 'user', content: userContent(message.content) });
        break;
      case 'assistant':
        placeToolFiles();
        converted.push(convertAssistant(message, options.replayReasoning));
        toolSlot = converted.length;
        break;
      case 'tool':
        for (const result of message.content) {
          const at = toolSlot ?? converted.length;
          converted.splice(at, 0, { role: 'tool', tool_call_id: result.toolCallId, content: toolText(result) });
          toolSlot = at + 1;
          for (const part of result.output) if (part.type === 'file') toolFiles.push(convertFile(part));
        }
        break;
    }
  }
  placeToolFiles();
  return converted;
}

/**
 * Reasoning goes back as `reasoning_content` only when asked: OpenAI and the strict compatible
 * servers reject unknown message fields, while DeepSeek's thinking mode answers 400 when an
 * assistant turn that called tools comes back without it.
 * @see https://api-docs.deepseek.com/guides/thinking_mode
 */
function convertAssistant(message: AssistantMessage, replayReasoning: boolean): OpenAiChatMessage {
  let text = '';
  let reasoning = '';
  const toolCalls: OpenAiToolCall[] = [];
  for (const part of message.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } });
  }
  const replayed = replayReasoning && reasoning !== '' ? { reasoning_content: reasoning } : {};
  if (toolCalls.length === 0) return { role: 'assistant', content: text, ...replayed };
  return { role: 'assistant', content: text === '' ? null : text, ...replayed, tool_calls: toolCalls };
}

/** Several text blocks (Anthropic allows them) are joined by line breaks; vendors differ on arrays here. */
function toolText(result: ToolResultPart): string {
  return result.output
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

/**
 * One string: some compatible servers take nothing else for a system message. Several blocks (an
 * Anthropic client sends its system prompt in parts) are paragraphs, joined as such.
 */
function systemText(parts: TextPart[]): string {
  return parts.map((part) => part.text).join('\n\n');
}

function userContent(parts: (TextPart | FilePart)[]): string | OpenAiContentPart[] {
  if (parts.length === 0) return '';
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : convertFile(part)));
}

const audioFormats: Record<string, 'wav' | 'mp3'> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3' };

/** @see https://platform.openai.com/docs/guides/pdf-files */
function convertFile(part: FilePart): OpenAiContentPart {
  const dataUrl = part.data.kind === 'base64' ? `data:${part.mediaType};base64,${part.data.base64}` : undefined;
  if (part.mediaType.startsWith('image/')) {
    const detail = openAiPartMetadata(part.providerMetadata, 'imageDetail');
    const url = dataUrl ?? (part.data as { url: string }).url;
    return { type: 'image_url', image_url: typeof detail === 'string' ? { url, detail } : { url } };
  }
  const audioFormat = audioFormats[part.mediaType];
  if (audioFormat !== undefined) {
    if (part.data.kind !== 'base64') throw invalidRequest('OpenAI-compatible providers take audio only inline (base64), not by URL.');
    return { type: 'input_audio', input_audio: { data: part.data.base64, format: audioFormat } };
  }
  if (part.mediaType.startsWith('audio/')) throw invalidRequest(`OpenAI-compatible providers take wav or mp3 audio, not ${part.mediaType}.`);
  if (dataUrl === undefined) throw invalidRequest(`OpenAI-compatible providers take documents (${part.mediaType}) only inline (base64), not by URL.`);
  return { type: 'file', file: { ...(part.filename === undefined ? {} : { filename: part.filename }), file_data: dataUrl } };
}
