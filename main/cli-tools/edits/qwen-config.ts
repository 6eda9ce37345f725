import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { setKeyValueLines } from './key-value-lines.js';
import { openAiBaseUrl } from './route-values.js';

/**
 * `~/.qwen/.env`: unlike Gemini CLI, Qwen Code (checked in 0.15.10) loads this user-level file in
 * every folder, trusted or not; its OpenAI auth reads OPENAI_BASE_URL, OPENAI_API_KEY and
 * OPENAI_MODEL.
 * @see https://github.com/QwenLM/qwen-code/blob/main/docs/users/configuration/auth.md
 */
export function editQwenEnv(current: string | null, target: RouteTarget): string {
  const entries: Record<string, string> = { OPENAI_BASE_URL: openAiBaseUrl(target), OPENAI_API_KEY: target.apiKey };
  if (target.model) entries.OPENAI_MODEL = target.model;
  return setKeyValueLines(current, 'dotenv', entries);
}

/** `~/.qwen/settings.json`: selects the OpenAI-compatible auth so Qwen Code does not offer Qwen OAuth. */
export function editQwenSettings(current: string | null): string {
  return editJson(current, '~/.qwen/settings.json', (settings) => {
    const auth = objectAt(objectAt(settings, 'security', '~/.qwen/settings.json'), 'auth', '~/.qwen/settings.json');
    auth.selectedType = 'openai';
  });
}
