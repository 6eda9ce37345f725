import type { RouteTarget } from '../tool-definition.js';
import { openAiBaseUrl, providerId, providerName } from './route-values.js';
import { setTomlKeys } from './toml-edit.js';

/**
 * `~/.codex/config.toml`: a `model_providers.omniroute` entry on the Responses wire and
 * `model_provider` selecting it. The key goes in `experimental_bearer_token` so Codex needs no
 * environment variable (an `env_key` would only work from a shell that exports it).
 * @see https://github.com/openai/codex/blob/main/docs/config.md#model_providers
 */
export function editCodexConfig(current: string | null, target: RouteTarget): string {
  const root: Record<string, string> = { model_provider: providerId };
  if (target.model) root.model = target.model;
  const withRoot = setTomlKeys(current ?? '', null, root);
  return setTomlKeys(withRoot, `model_providers.${providerId}`, {
    name: providerName,
    base_url: openAiBaseUrl(target),
    wire_api: 'responses',
    experimental_bearer_token: target.apiKey,
  });
}
