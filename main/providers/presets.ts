import type { ProviderFamily } from '../../shared/api-types.js';

/**
 * OpenAI-compatible and native vendors are data, not code: one row per vendor. A vendor quirk
 * (an extra header, a different path) belongs in its row, never in the gateway.
 */
export interface ProviderPreset {
  id: string;
  label: string;
  family: ProviderFamily;
  baseUrl: string;
  /** Static headers the vendor wants on every call. */
  headers?: Record<string, string>;
  /** Local servers that take no key. */
  keyless?: boolean;
}

/** Defaults for a provider created with a bare family as its kind. */
export const familyDefaults: Record<ProviderFamily, ProviderPreset> = {
  openai: { id: 'openai', label: 'OpenAI', family: 'openai', baseUrl: 'https://api.openai.com/v1' },
  anthropic: { id: 'anthropic', label: 'Anthropic', family: 'anthropic', baseUrl: 'https://api.anthropic.com/v1' },
  gemini: { id: 'gemini', label: 'Google Gemini', family: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta' },
  'openai-responses': { id: 'openai-responses', label: 'OpenAI Responses', family: 'openai-responses', baseUrl: 'https://api.openai.com/v1' },
  ollama: { id: 'ollama', label: 'Ollama', family: 'ollama', baseUrl: 'http://127.0.0.1:11434', keyless: true },
  deepgram: { id: 'deepgram', label: 'Deepgram (speech to text, text to speech)', family: 'deepgram', baseUrl: 'https://api.deepgram.com/v1' },
};

export const presets: Record<string, ProviderPreset> = {
  groq: { id: 'groq', label: 'Groq', family: 'openai', baseUrl: 'https://api.groq.com/openai/v1' },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    family: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    // OpenRouter attributes traffic by these; harmless elsewhere, so only sent to OpenRouter.
    headers: { 'HTTP-Referer': 'https://github.com/omniroute/omniroute-desktop', 'X-Title': 'OmniRoute Desktop' },
  },
  together: { id: 'together', label: 'Together AI', family: 'openai', baseUrl: 'https://api.together.xyz/v1' },
  deepseek: { id: 'deepseek', label: 'DeepSeek', family: 'openai', baseUrl: 'https://api.deepseek.com/v1' },
  mistral: { id: 'mistral', label: 'Mistral', family: 'openai', baseUrl: 'https://api.mistral.ai/v1' },
  fireworks: { id: 'fireworks', label: 'Fireworks AI', family: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1' },
  xai: { id: 'xai', label: 'xAI', family: 'openai', baseUrl: 'https://api.x.ai/v1' },
  cerebras: { id: 'cerebras', label: 'Cerebras', family: 'openai', baseUrl: 'https://api.cerebras.ai/v1' },
  nebius: { id: 'nebius', label: 'Nebius AI Studio', family: 'openai', baseUrl: 'https://api.studio.nebius.com/v1' },
  deepinfra: { id: 'deepinfra', label: 'DeepInfra', family: 'openai', baseUrl: 'https://api.deepinfra.com/v1/openai' },
  'github-models': { id: 'github-models', label: 'GitHub Models', family: 'openai', baseUrl: 'https://models.github.ai/inference' },
  perplexity: { id: 'perplexity', label: 'Perplexity', family: 'openai', baseUrl: 'https://api.perplexity.ai' },
  lmstudio: { id: 'lmstudio', label: 'LM Studio (local)', family: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', keyless: true },
  vllm: { id: 'vllm', label: 'vLLM (local)', family: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', keyless: true },
};

/**
 * Families this build has an adapter for (main/providers/adapters.ts; a test keeps the two equal).
 * Kept here, free of node imports, so the dashboard offers only kinds that can be configured.
 */
export const supportedFamilies: readonly ProviderFamily[] = ['openai', 'anthropic', 'gemini', 'openai-responses', 'ollama', 'deepgram'];

/** Looks up a kind as a bare family first, then as a preset id. */
export function findPreset(kind: string): ProviderPreset | undefined {
  return (familyDefaults as Record<string, ProviderPreset | undefined>)[kind] ?? presets[kind];
}
