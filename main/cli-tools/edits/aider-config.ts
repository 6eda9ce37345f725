import type { RouteTarget } from '../tool-definition.js';
import { setKeyValueLines } from './key-value-lines.js';
import { openAiBaseUrl } from './route-values.js';

/**
 * `~/.aider.conf.yml`: aider's options by their long names. The `openai/` model prefix tells
 * aider (through LiteLLM) to use the OpenAI-compatible API at `openai-api-base`.
 * @see https://aider.chat/docs/config/aider_conf.html
 */
export function editAiderConfig(current: string | null, target: RouteTarget): string {
  const entries: Record<string, string> = { 'openai-api-base': openAiBaseUrl(target), 'openai-api-key': target.apiKey };
  if (target.model) entries.model = `openai/${target.model}`;
  return setKeyValueLines(current, 'yaml', entries);
}
