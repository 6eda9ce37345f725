import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { openAiBaseUrl, providerId, providerName } from './route-values.js';

/**
 * `~/.config/opencode/opencode.json`: a custom provider through the AI SDK's OpenAI-compatible
 * package, and the default `model` as `omniroute/<model>`.
 * @see https://opencode.ai/docs/providers/#custom-provider
 */
export function editOpenCodeConfig(current: string | null, target: RouteTarget): string {
  const file = '~/.config/opencode/opencode.json';
  return editJson(current, file, (config) => {
    const providers = objectAt(config, 'provider', file);
    const models = target.model ? { [target.model]: { name: target.model } } : {};
    providers[providerId] = { npm: '@ai-sdk/openai-compatible', name: providerName, options: { baseURL: openAiBaseUrl(target), apiKey: target.apiKey }, models };
    if (target.model) config.model = `${providerId}/${target.model}`;
  });
}
