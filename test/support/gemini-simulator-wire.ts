/**
 * Gemini v1beta bodies as the simulator sends them.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
import type { ScriptedReply, ScriptedUsage } from './gemini-simulator-types.js';

type Part = Record<string, unknown>;

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function errorEnvelope(code: number, message: string): { error: { code: number; message: string; status: string } } {
  return { error: { code, message, status: statusNames[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION') } };
}

export function invalidKeyEnvelope(): unknown {
  return {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
    },
  };
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** The last user text of a request, for the default echo reply. */
export function echoReply(body: { contents?: { role?: string; parts?: Part[] }[] }): ScriptedReply {
  const user = [...(body.contents ?? [])].reverse().find((content) => content.role !== 'model');
  const text = (user?.parts ?? []).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
  return { text: `Echo: ${text}` };
}

export function usageFor(reply: ScriptedReply, body: unknown): ScriptedUsage {
  if (reply.usageMetadata) return reply.usageMetadata;
  const promptTokenCount = words(JSON.stringify(body));
  const candidatesTokenCount = words(reply.text ?? '') + (reply.functionCalls?.length ?? 0);
  const thoughtsTokenCount = reply.thought ? words(reply.thought) : undefined;
  return {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount + (thoughtsTokenCount ?? 0),
    ...(thoughtsTokenCount !== undefined ? { thoughtsTokenCount } : {}),
  };
}

function callPart(call: NonNullable<ScriptedReply['functionCalls']>[number]): Part {
  return { functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args: call.args }, ...(call.thoughtSignature ? { thoughtSignature: call.thoughtSignature } : {}) };
}

/** Each chunk's parts, in the order Gemini streams them. */
export function streamedParts(reply: ScriptedReply): Part[][] {
  const chunks: Part[][] = [];
  if (reply.thought !== undefined) chunks.push([{ text: reply.thought, thought: true, ...(reply.thoughtSignature ? { thoughtSignature: reply.thoughtSignature } : {}) }]);
  const pieces = reply.text?.match(/\s*\S+/g) ?? [];
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    chunks.push([{ text: piece, ...(last && reply.textSignature ? { thoughtSignature: reply.textSignature } : {}) }]);
  });
  if (reply.functionCalls?.length) chunks.push(reply.functionCalls.map(callPart));
  return chunks;
}

export function wholeParts(reply: ScriptedReply): Part[] {
  const parts: Part[] = [];
  if (reply.thought !== undefined) parts.push({ text: reply.thought, thought: true, ...(reply.thoughtSignature ? { thoughtSignature: reply.thoughtSignature } : {}) });
  if (reply.text !== undefined) parts.push({ text: reply.text, ...(reply.textSignature ? { thoughtSignature: reply.textSignature } : {}) });
  for (const call of reply.functionCalls ?? []) parts.push(callPart(call));
  return parts;
}

export function responseBody(parts: Part[], identity: { model: string; responseId: string }, last?: { finishReason: string; usage: ScriptedUsage } | { usage: { promptTokenCount: number } }): Record<string, unknown> {
  return {
    candidates: [{ content: { role: 'model', parts }, ...(last && 'finishReason' in last ? { finishReason: last.finishReason } : {}), index: 0 }],
    ...(last ? { usageMetadata: last.usage } : {}),
    modelVersion: identity.model,
    responseId: identity.responseId,
  };
}
