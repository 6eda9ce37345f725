import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { setKeyValueLines } from './key-value-lines.js';

/**
 * `~/.gemini/.env`: Gemini CLI loads it at start (in trusted folders; a project's own `.env` is
 * found first and wins). GOOGLE_GEMINI_BASE_URL points its Gemini API client at the router.
 * @see https://github.com/google-gemini/gemini-cli/blob/main/docs/get-started/authentication.md
 */
export function editGeminiEnv(current: string | null, target: RouteTarget): string {
  const entries: Record<string, string> = { GOOGLE_GEMINI_BASE_URL: target.baseUrl, GEMINI_API_KEY: target.apiKey };
  if (target.model) entries.GEMINI_MODEL = target.model;
  return setKeyValueLines(current, 'dotenv', entries);
}

/** `~/.gemini/settings.json`: selects API-key auth so Gemini CLI does not ask to sign in with Google. */
export function editGeminiSettings(current: string | null): string {
  return editJson(current, '~/.gemini/settings.json', (settings) => {
    const auth = objectAt(objectAt(settings, 'security', '~/.gemini/settings.json'), 'auth', '~/.gemini/settings.json');
    auth.selectedType = 'gemini-api-key';
  });
}
