import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';
import { openAiBaseUrl, providerId, requireModel } from './route-values.js';

/**
 * `~/.openclaw/openclaw.json`: a provider under `models.providers` on the Chat Completions wire
 * (`api: "openai-completions"`); the model is then selectable as `omniroute/<model>`. The file is
 * JSON5 by design: one with comments is refused rather than rewritten.
 * @see https://docs.openclaw.ai/providers/models
 */
export function editOpenClawConfig(current: string | null, target: RouteTarget): string {
  const model = requireModel(target, 'OpenClaw');
  const file = '~/.openclaw/openclaw.json';
  return editJson(current, file, (config) => {
    const providers = objectAt(objectAt(config, 'models', file), 'providers', file);
    providers[providerId] = { baseUrl: openAiBaseUrl(target), apiKey: target.apiKey, api: 'openai-completions', models: [{ id: model, name: model }] };
  });
}
