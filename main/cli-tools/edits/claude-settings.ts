import type { RouteTarget } from '../tool-definition.js';
import { editJson, objectAt } from './json-config.js';

/** Claude Code's per-role model variables, keyed by the `modelMap` names the API takes. */
export const claudeModelVariables: Record<string, string> = {
  opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
  sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL',
  haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  subagent: 'CLAUDE_CODE_SUBAGENT_MODEL',
};

/**
 * `~/.claude/settings.json`: Claude Code applies its `env` block to itself at start, so the base
 * URL and key set there reach every session without a shell profile. ANTHROPIC_AUTH_TOKEN (sent
 * as `Authorization: Bearer`) is used rather than ANTHROPIC_API_KEY, which interactive sessions
 * ask the user to approve first; an ANTHROPIC_API_KEY already in the block would conflict with it,
 * so it is removed (the backup keeps it).
 * @see https://docs.anthropic.com/en/docs/claude-code/settings#environment-variables
 */
export function editClaudeSettings(current: string | null, target: RouteTarget): string {
  return editJson(current, '~/.claude/settings.json', (settings) => {
    const env = objectAt(settings, 'env', '~/.claude/settings.json');
    env.ANTHROPIC_BASE_URL = target.baseUrl;
    env.ANTHROPIC_AUTH_TOKEN = target.apiKey;
    delete env.ANTHROPIC_API_KEY;
    if (target.model) env.ANTHROPIC_MODEL = target.model;
    for (const [role, variable] of Object.entries(claudeModelVariables)) {
      const model = target.modelMap[role];
      if (model) env[variable] = model;
    }
  });
}
