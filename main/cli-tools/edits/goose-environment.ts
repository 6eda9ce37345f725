import type { RouteTarget } from '../tool-definition.js';

/**
 * Goose's OpenAI provider reads its endpoint from the environment (its config.yaml keeps the key
 * in the OS keyring, out of our reach), so Goose gets a launcher script and export lines.
 * @see https://block.github.io/goose/docs/getting-started/providers/#configure-provider
 */
export function gooseVariables(target: RouteTarget): Record<string, string> {
  const variables: Record<string, string> = {
    GOOSE_PROVIDER: 'openai',
    OPENAI_HOST: target.baseUrl,
    OPENAI_BASE_PATH: 'v1/chat/completions',
    OPENAI_API_KEY: target.apiKey,
  };
  if (target.model) variables.GOOSE_MODEL = target.model;
  return variables;
}
