import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { openAiBaseUrl, providerId, providerName } from './route-values.js';

/**
 * `~/.config/crush/crush.json`: an `openai-compat` provider (the type for OpenAI-compatible
 * servers that are not OpenAI itself).
 * @see https://github.com/charmbracelet/crush#custom-providers
 */
export function editCrushConfig(current: string | null, target: RouteTarget): string {
  const file = '~/.config/crush/crush.json';
  return editJson(current, file, (config) => {
    const providers = objectAt(config, 'providers', file);
    const models = target.model ? [{ id: target.model, name: target.model }] : [];
    providers[providerId] = { name: providerName, type: 'openai-compat', base_url: openAiBaseUrl(target), api_key: target.apiKey, models };
  });
}
