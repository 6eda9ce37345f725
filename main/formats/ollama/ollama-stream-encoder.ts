import { toGatewayError } from '../../errors/gateway-error.js';
import type { StreamPart } from '../../spec/index.js';
import type { StreamEncoder } from '../client-format.js';
import { toOllamaToolCall, type OllamaToolCall } from './encode-ollama-result.js';
import { ollamaErrors } from './encode-error.js';
import { createdAt, doneFields, type OllamaEncodeContext } from './ollama-timing.js';

/** Which endpoint's line shape: `/api/chat` (`message`) or `/api/generate` (`response`). */
export type OllamaEndpoint = 'chat' | 'generate';

/**
 * Canonical parts as Ollama's NDJSON stream: one `done: false` line per text or thinking delta, a
 * tool call whole in its own line once its input is complete (Ollama never streams arguments),
 * then one `done: true` line with `done_reason` and the upstream's counts. An error becomes an
 * `{"error": ...}` line and ends the stream.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#response-9
 */
export function createOllamaStreamEncoder(context: OllamaEncodeContext, endpoint: OllamaEndpoint): StreamEncoder {
  const model = JSON.stringify(context.model);
  let closed = false;

  const line = (fields: Record<string, unknown>): string => `{"model":${model},"created_at":"${createdAt()}",${JSON.stringify(fields).slice(1)}\n`;

  const delta = (content: string, thinking?: string, toolCalls?: OllamaToolCall[]): string => {
    if (endpoint === 'generate') return line({ response: content, ...(thinking === undefined ? {} : { thinking }), done: false });
    const message = { role: 'assistant', content, ...(thinking === undefined ? {} : { thinking }), ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    return line({ message, done: false });
  };

  function encode(part: StreamPart): string {
    switch (part.type) {
      case 'text-delta':
        return part.delta === '' ? '' : delta(part.delta);
      case 'reasoning-delta':
        return part.delta === '' ? '' : delta('', part.delta);
      case 'tool-call':
        // `/api/generate` has no tools; a call there has no counterpart.
        return endpoint === 'chat' ? delta('', undefined, [toOllamaToolCall(part.toolName, part.input)]) : '';
      case 'finish': {
        const start = endpoint === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' };
        return line({ ...start, ...doneFields(part.finishReason, part.usage, context) });
      }
      case 'error':
        return ollamaErrors.streamErrorEvent(toGatewayError(part.error));
      default:
        return '';
    }
  }

  return {
    contentType: 'application/x-ndjson',
    encode(part) {
      if (closed) return '';
      if (part.type === 'finish' || part.type === 'error') closed = true;
      return encode(part);
    },
    end: () => '',
  };
}
