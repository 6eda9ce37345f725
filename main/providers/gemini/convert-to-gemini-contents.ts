import { invalidRequest } from '../../errors/gateway-error.js';
import type { AssistantMessage, FilePart, Message, TextPart, ToolResultPart } from '../../spec/index.js';
import type { GeminiContent, GeminiObject, GeminiPart } from './gemini-api.js';
import { geminiMetadata, objectField, thoughtSignatureOf } from './gemini-provider-metadata.js';
import { thoughtSignatures, unknownThoughtSignature } from './thought-signature-memory.js';

export interface ConvertedContents {
  systemInstruction: GeminiContent | undefined;
  contents: GeminiContent[];
  warnings: string[];
}

interface KnownCall {
  name: string;
  /** The id Gemini gave the call, when it gave one: sent back on its functionResponse. */
  geminiId: string | undefined;
  /** Where the call stands among all calls of the conversation, to put its response in the same place. */
  order: number;
}

/**
 * Canonical messages to Gemini `contents`. System messages, wherever they are, join one
 * `systemInstruction` in order; assistant turns become `model` turns; tool results become
 * `functionResponse` parts of a `user` turn, named after their call and in the order of the calls,
 * whatever order the client sent them in (Gemini pairs a response without an id with its call by
 * name and position: two `Read` results swapped would each answer the other call); consecutive
 * turns of the same role are merged, since Gemini expects the roles to alternate. Reasoning only
 * goes back when it came from Gemini (with its signature).
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function convertToGeminiContents(messages: Message[], options: { upstreamModel?: string } = {}): ConvertedContents {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const warnings: string[] = [];
  const calls = new Map<string, KnownCall>();
  const responseOrder = new Map<GeminiPart, number>();
  const push = (role: 'user' | 'model', parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts = [...(last.parts ?? []), ...parts];
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        for (const part of message.content) systemParts.push({ text: part.text });
        return;
      case 'user':
        return push('user', message.content.map((part, partIndex) => userPart(part, `${param}.content[${partIndex}]`)));
      case 'assistant':
        return push('model', modelParts(message, calls));
      case 'tool':
      {
        // Gemini expects the responses to parallel calls together: files follow all of them (orderResponses).
        const converted = message.content.map((part, partIndex) => {
          const parts = toolResultParts(part, calls, `${param}.content[${partIndex}]`, warnings);
          responseOrder.set(parts[0]!, calls.get(part.toolCallId)?.order ?? Number.MAX_SAFE_INTEGER);
          return parts;
        });
        return push('user', converted.flat());
      }
    }
  });
  for (const content of contents) if (content.role === 'user') orderResponses(content, responseOrder);
  if (requiresCallSignatures(options.upstreamModel)) signCurrentTurn(contents);
  return { systemInstruction: systemParts.length > 0 ? { parts: systemParts } : undefined, contents, warnings };
}

/**
 * A user turn that answers calls: its functionResponse parts first, in the order of their calls (a
 * stable sort), then its other parts (tool results' files, the user's next words) as they came.
 */
function orderResponses(content: GeminiContent, responseOrder: Map<GeminiPart, number>): void {
  const parts = content.parts ?? [];
  const responses = parts.filter((part) => responseOrder.has(part));
  if (responses.length === 0) return;
  responses.sort((a, b) => responseOrder.get(a)! - responseOrder.get(b)!);
  content.parts = [...responses, ...parts.filter((part) => !responseOrder.has(part))];
}

function userPart(part: TextPart | FilePart, param: string): GeminiPart {
  return part.type === 'text' ? withSignature({ text: part.text }, part) : filePart(part, param);
}

/**
 * Inline data, or a URI Gemini fetches (Files API, Cloud Storage, YouTube, public URLs). A
 * `data:` URL is unpacked into inline data, since Gemini does not read them.
 * @see https://ai.google.dev/gemini-api/docs/image-understanding
 */
export function filePart(part: FilePart, param: string): GeminiPart {
  if (part.data.kind === 'base64') return { inlineData: { mimeType: part.mediaType, data: part.data.base64 } };
  const dataUrl = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(part.data.url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl[1] ?? part.mediaType, data: dataUrl[2] ?? '' } };
  if (part.data.url === '') throw invalidRequest(`Invalid '${param}': the file has an empty URL.`, param);
  return { fileData: { mimeType: part.mediaType, fileUri: part.data.url } };
}

function modelParts(message: AssistantMessage, calls: Map<string, KnownCall>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
        if (part.text !== '' || thoughtSignatureOf(part.providerMetadata)) parts.push(withSignature({ text: part.text }, part));
        break;
      case 'reasoning':
        // Another vendor's reasoning cannot be replayed to Gemini; Gemini's own comes with its signature.
        if (part.providerMetadata?.gemini !== undefined) parts.push(withSignature({ text: part.text, thought: true }, part));
        break;
      case 'tool-call': {
        const geminiId = geminiMetadata(part.providerMetadata).functionCallId;
        const id = typeof geminiId === 'string' ? geminiId : undefined;
        calls.set(part.toolCallId, { name: part.toolName, geminiId: id, order: calls.size });
        const functionCall: GeminiPart = { functionCall: { ...(id ? { id } : {}), name: part.toolName, args: parseArguments(part.input) } };
        // A Gemini client sends the signature back itself; any other client only the call's id.
        const signature = thoughtSignatureOf(part.providerMetadata) ?? thoughtSignatures.get(part.toolCallId);
        parts.push(signature ? { ...functionCall, thoughtSignature: signature } : functionCall);
        break;
      }
    }
  }
  return parts;
}

function toolResultParts(part: ToolResultPart, calls: Map<string, KnownCall>, param: string, warnings: string[]): GeminiPart[] {
  const call = calls.get(part.toolCallId);
  const name = part.toolName ?? call?.name;
  if (name === undefined) {
    throw invalidRequest(`Invalid '${param}': the tool result '${part.toolCallId}' answers no earlier tool call, and Gemini needs the function's name.`, param);
  }
  const original = objectField(geminiMetadata(part.providerMetadata), 'response');
  const text = part.output.flatMap((output) => (output.type === 'text' ? [output.text] : [])).join('');
  // Gemini reads `output` as the function's result and `error` as its failure.
  const response: GeminiObject = original ?? (part.isError ? { error: text } : { output: text });
  const files = part.output.filter((output): output is FilePart => output.type === 'file');
  if (files.length > 0) warnings.push(`${param}: the tool result's files were sent as parts after the functionResponses`);
  return [
    { functionResponse: { ...(call?.geminiId ? { id: call.geminiId } : {}), name, response } },
    ...files.map((file, index) => filePart(file, `${param}.output[${index}]`)),
  ];
}

/** Gemini 3 and later refuse a function call of the current turn sent back without its thought signature. */
function requiresCallSignatures(upstreamModel: string | undefined): boolean {
  const major = /^(?:models\/)?gemini-(\d+)/.exec(upstreamModel ?? '')?.[1];
  return major !== undefined && Number(major) >= 3;
}

/**
 * The current turn (since the last user message that is more than function responses): each model
 * step with function calls but no signature known for any gets Gemini's documented bypass on its
 * first call, as Gemini itself signs only the first of parallel calls.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
function signCurrentTurn(contents: GeminiContent[]): void {
  let start = 0;
  contents.forEach((content, index) => {
    if (content.role === 'user' && (content.parts ?? []).some((part) => part.functionResponse === undefined)) start = index + 1;
  });
  for (const content of contents.slice(start)) {
    if (content.role !== 'model') continue;
    const parts = content.parts ?? [];
    const calls = parts.filter((part) => part.functionCall !== undefined);
    if (calls.length === 0 || calls.some((part) => part.thoughtSignature)) continue;
    const first = parts.indexOf(calls[0]!);
    parts[first] = { ...calls[0]!, thoughtSignature: unknownThoughtSignature };
  }
}

/** Gemini's `args` is an object; text that is not a JSON object is kept under `input`, never dropped. */
function parseArguments(input: string): GeminiObject {
  if (input.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as GeminiObject;
  } catch {
    // Falls through.
  }
  return { input };
}

function withSignature(part: GeminiPart, source: { providerMetadata?: Parameters<typeof thoughtSignatureOf>[0] }): GeminiPart {
  const signature = thoughtSignatureOf(source.providerMetadata);
  return signature ? { ...part, thoughtSignature: signature } : part;
}
