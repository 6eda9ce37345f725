/**
 * The answer of `/v1/messages/count_tokens`, for a figure an upstream actually counted.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function encodeCountTokensResult(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}
