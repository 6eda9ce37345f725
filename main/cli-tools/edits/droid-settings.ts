import type { RouteTarget } from '../tool-definition.js';
import { arrayAt, editJson } from './json-config.js';
import { openAiBaseUrl, providerName, requireModel } from './route-values.js';

/**
 * `~/.factory/settings.json`: one `customModels` entry per model, Chat Completions wire. Our entry
 * is recognised by its base URL and replaced on a second apply, never duplicated.
 * @see https://docs.factory.ai/cli/byok/overview
 */
export function editDroidSettings(current: string | null, target: RouteTarget): string {
  const model = requireModel(target, 'Factory Droid');
  return editJson(current, '~/.factory/settings.json', (settings) => {
    const models = arrayAt(settings, 'customModels', '~/.factory/settings.json');
    const entry = { model, displayName: `${model} [${providerName}]`, baseUrl: openAiBaseUrl(target), apiKey: target.apiKey, provider: 'generic-chat-completion-api', maxOutputTokens: 16384 };
    const ours = models.findIndex((candidate) => (candidate as { baseUrl?: unknown } | null)?.baseUrl === entry.baseUrl && (candidate as { model?: unknown }).model === model);
    if (ours === -1) models.push(entry);
    else models[ours] = entry;
  });
}
