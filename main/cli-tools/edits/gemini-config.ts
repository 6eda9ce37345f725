import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { setKeyValueLines } from './key-value-lines.js';

/** The variables Gemini CLI reads: GOOGLE_GEMINI_BASE_URL points its Gemini API client at the router. */
export function geminiVariables(target: RouteTarget): Record<string, string> {
  const variables: Record<string, string> = { GOOGLE_GEMINI_BASE_URL: target.baseUrl, GEMINI_API_KEY: target.apiKey };
  if (target.model) variables.GEMINI_MODEL = target.model;
  return variables;
}

/**
 * `~/.gemini/.env`: Gemini CLI (0.61) loads it only in folders the user trusted, and from an
 * untrusted folder takes nothing but the API key from `.env` files, so the launcher (and the
 * export lines) are what work everywhere; this file covers trusted folders and the IDE.
 * @see https://github.com/google-gemini/gemini-cli/blob/main/docs/get-started/authentication.md
 */
export function editGeminiEnv(current: string | null, target: RouteTarget): string {
  return setKeyValueLines(current, 'dotenv', geminiVariables(target));
}

/** `~/.gemini/settings.json`: selects API-key auth so Gemini CLI does not ask to sign in with Google. */
export function editGeminiSettings(current: string | null): string {
  return editJson(current, '~/.gemini/settings.json', (settings) => {
    const auth = objectAt(objectAt(settings, 'security', '~/.gemini/settings.json'), 'auth', '~/.gemini/settings.json');
    auth.selectedType = 'gemini-api-key';
  });
}
