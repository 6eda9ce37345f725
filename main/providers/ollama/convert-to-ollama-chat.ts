import type { ChatRequest, JsonObject, ReasoningOptions, ResponseFormat } from '../../spec/index.js';
import { convertToOllamaMessages } from './convert-to-ollama-messages.js';

/**
 * A canonical request as an `/api/chat` body. `stream` is always sent, since Ollama streams when
 * it is missing. Sampling settings go in `options`, with the options an Ollama client set that
 * have no neutral field (`providerMetadata.ollama.options`) restored. Ollama has no tool choice:
 * `none` is honoured by sending no tools; `required` or a named tool cannot be expressed.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#parameters-1
 */
export function convertToOllamaChat(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const metadata: JsonObject = request.providerMetadata.ollama ?? {};
  const body: Record<string, unknown> = { model: upstreamModel, messages: convertToOllamaMessages(request.messages) };
  if (request.tools.length > 0 && request.toolChoice?.type !== 'none') {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters: tool.inputSchema },
    }));
  }
  const format = convertFormat(request.responseFormat);
  if (format !== undefined) body.format = format;
  const options = convertOptions(request, metadata);
  if (Object.keys(options).length > 0) body.options = options;
  const think = metadata.think ?? convertReasoning(request.reasoning);
  if (think !== undefined) body.think = think;
  if (metadata.keepAlive !== undefined) body.keep_alive = metadata.keepAlive;
  body.stream = request.stream;
  return body;
}

function convertOptions(request: ChatRequest, metadata: JsonObject): Record<string, unknown> {
  const extra = metadata.options;
  const options: Record<string, unknown> = extra !== null && typeof extra === 'object' && !Array.isArray(extra) ? { ...extra } : {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.topK !== undefined) options.top_k = request.topK;
  if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
  if (request.stopSequences.length > 0) options.stop = request.stopSequences;
  if (request.seed !== undefined) options.seed = request.seed;
  return options;
}

function convertFormat(format: ResponseFormat | undefined): unknown {
  if (format === undefined || format.type === 'text') return undefined;
  return format.schema ?? 'json';
}

/**
 * Effort levels map to Ollama's `think` levels (`minimal` is its lowest, `low`); a budget alone,
 * which Ollama cannot express, turns thinking on at the model's default depth.
 * @see https://github.com/ollama/ollama/blob/main/docs/capabilities/thinking.mdx
 */
function convertReasoning(reasoning: ReasoningOptions | undefined): boolean | 'low' | 'medium' | 'high' | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.effort === undefined) return true;
  return reasoning.effort === 'minimal' ? 'low' : reasoning.effort;
}
