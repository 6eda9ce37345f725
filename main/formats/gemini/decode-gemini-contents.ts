import { invalidRequest } from '../../errors/gateway-error.js';
import { geminiPartMetadata } from '../../providers/gemini/gemini-provider-metadata.js';
import type { GeminiContent, GeminiPart } from '../../providers/gemini/gemini-api.js';
import type { AssistantMessage, FilePart, JsonObject, Message, TextPart, ToolResultPart } from '../../spec/index.js';

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

/**
 * Gemini `contents` to canonical messages. `model` turns become assistant messages; a user turn's
 * `functionResponse` parts become a tool message, its other parts a user message, in their order.
 *
 * Tool call ids: a `functionCall` keeps the `id` it carries. Without one it gets
 * `call_{content index}_{part index}`: deterministic, so the same history decodes to the same ids
 * on every turn. A `functionResponse` answers the call with its `id` when it has one, otherwise
 * the earliest unanswered call of the same name (Gemini pairs them by name and order); a response
 * that answers no call is a 400, since other families refuse orphan tool results.
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function decodeGeminiContents(contents: GeminiContent[]): Message[] {
  const messages: Message[] = [];
  const pending: PendingCall[] = [];
  contents.forEach((content, contentIndex) => {
    const param = `contents[${contentIndex}]`;
    const parts = content.parts ?? [];
    if (content.role === 'model') {
      // Calls left unanswered by the previous turns cannot be answered later.
      pending.length = 0;
      messages.push(modelMessage(parts, contentIndex, pending));
      return;
    }
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'function') {
      throw invalidRequest(`Invalid '${param}.role': expected 'user' or 'model', got '${content.role}'.`, `${param}.role`);
    }
    let user: (TextPart | FilePart)[] = [];
    let results: ToolResultPart[] = [];
    const flush = (): void => {
      if (results.length > 0) messages.push({ role: 'tool', content: results });
      if (user.length > 0) messages.push({ role: 'user', content: user });
      results = [];
      user = [];
    };
    parts.forEach((part, partIndex) => {
      const partParam = `${param}.parts[${partIndex}]`;
      if (part.functionResponse) {
        if (user.length > 0) flush();
        results.push(toolResult(part, pending, partParam));
        return;
      }
      if (results.length > 0) flush();
      const decoded = userPart(part, partParam);
      if (decoded) user.push(decoded);
    });
    flush();
  });
  return messages;
}

function modelMessage(parts: GeminiPart[], contentIndex: number, pending: PendingCall[]): AssistantMessage {
  const content: AssistantMessage['content'] = [];
  parts.forEach((part, partIndex) => {
    const signature = part.thoughtSignature;
    if (part.functionCall) {
      const call = part.functionCall;
      const id = call.id ?? `call_${contentIndex}_${partIndex}`;
      pending.push({ id, name: call.name, answered: false });
      const providerMetadata = geminiPartMetadata({ thoughtSignature: signature, functionCallId: call.id });
      content.push({ type: 'tool-call', toolCallId: id, toolName: call.name, input: JSON.stringify(call.args ?? {}), ...(providerMetadata ? { providerMetadata } : {}) });
      return;
    }
    if (part.text === undefined && signature === undefined) return;
    const providerMetadata = geminiPartMetadata({ thoughtSignature: signature });
    const text = part.text ?? '';
    if (part.thought === true) {
      // Marked as Gemini's even without a signature, so the Gemini adapter replays it.
      content.push({ type: 'reasoning', text, providerMetadata: providerMetadata ?? { gemini: {} } });
    } else content.push({ type: 'text', text, ...(providerMetadata ? { providerMetadata } : {}) });
  });
  return { role: 'assistant', content };
}

function toolResult(part: GeminiPart, pending: PendingCall[], param: string): ToolResultPart {
  const response = part.functionResponse!;
  const call =
    (response.id !== undefined ? pending.find((candidate) => candidate.id === response.id) : undefined) ??
    pending.find((candidate) => !candidate.answered && candidate.name === response.name);
  if (call === undefined) {
    throw invalidRequest(`Invalid '${param}.functionResponse': it answers no functionCall named '${response.name}' in the previous model turn.`, `${param}.functionResponse`);
  }
  call.answered = true;
  const body = (response.response ?? {}) as JsonObject;
  const error = body.error;
  const output = error !== undefined && body.output === undefined ? error : (body.output ?? body);
  return {
    type: 'tool-result',
    toolCallId: call.id,
    toolName: response.name,
    output: [{ type: 'text', text: typeof output === 'string' ? output : JSON.stringify(output) }],
    isError: error !== undefined && body.output === undefined,
    providerMetadata: { gemini: { response: body } },
  };
}

function userPart(part: GeminiPart, param: string): TextPart | FilePart | undefined {
  if (part.inlineData) return { type: 'file', mediaType: part.inlineData.mimeType, data: { kind: 'base64', base64: part.inlineData.data } };
  if (part.fileData) {
    return { type: 'file', mediaType: part.fileData.mimeType ?? 'application/octet-stream', data: { kind: 'url', url: part.fileData.fileUri } };
  }
  if (part.text !== undefined) {
    const providerMetadata = geminiPartMetadata({ thoughtSignature: part.thoughtSignature });
    return { type: 'text', text: part.text, ...(providerMetadata ? { providerMetadata } : {}) };
  }
  if (part.functionCall) throw invalidRequest(`Invalid '${param}': a functionCall belongs in a 'model' turn.`, param);
  if (part.thoughtSignature !== undefined) return undefined;
  const keys = Object.keys(part).join(', ');
  throw invalidRequest(`Invalid '${param}': unsupported part (${keys || 'empty'}).`, param);
}
