import type { GenerateResult } from '../../spec/index.js';
import type { EncodeContext } from '../client-format.js';
import { encodeOutputItems } from './encode-output-items.js';
import { nowInSeconds, responseEnvelope, responseIdFor, statusFor, toResponsesUsage } from './response-object.js';

/**
 * A whole answer as a `response` object: output items in the order the model produced them
 * (reasoning, message, function calls), `completed` or `incomplete` with its reason, and usage as
 * reported. `model` is the name the client asked for.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function encodeResponsesResult(result: GenerateResult, context: EncodeContext): Record<string, unknown> {
  const id = responseIdFor(context.requestId);
  return {
    ...responseEnvelope(context, result.response.created ?? nowInSeconds()),
    ...statusFor(result.finishReason),
    output: encodeOutputItems(result.content, id),
    usage: toResponsesUsage(result.usage) ?? null,
  };
}
