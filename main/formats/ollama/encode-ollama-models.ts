/** A model as the router lists it to Ollama clients. */
export interface OllamaListedModel {
  /** The routable name (`provider/model`, alias or combo), which clients send back as `model`. */
  name: string;
  /** Milliseconds since the epoch; now when unknown. */
  modifiedAt?: number;
  /** Bytes on disk; 0 for hosted models, which have none here. */
  size?: number;
  family?: string;
}

/**
 * `details` as Ollama describes a model. Fields we cannot know (format, parameter size,
 * quantisation) are empty strings, which is what Ollama itself sends for unknown values.
 */
function details(model: OllamaListedModel): Record<string, unknown> {
  const family = model.family ?? '';
  return { parent_model: '', format: '', family, families: family === '' ? null : [family], parameter_size: '', quantization_level: '' };
}

/** A stable pseudo digest: clients use it as a cache key, never to fetch blobs from us. */
function digest(name: string): string {
  let hash = 0n;
  for (const byte of Buffer.from(name, 'utf8')) hash = (hash * 1099511628211n + BigInt(byte)) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0').repeat(4);
}

/**
 * `GET /api/tags`: the routable models.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export function encodeOllamaTags(models: OllamaListedModel[]): { models: Record<string, unknown>[] } {
  return {
    models: models.map((model) => ({
      name: model.name,
      model: model.name,
      modified_at: new Date(model.modifiedAt ?? Date.now()).toISOString(),
      size: model.size ?? 0,
      digest: digest(model.name),
      details: details(model),
    })),
  };
}

/**
 * `POST /api/show`: what clients read to decide what a model can do (Open WebUI, Continue and the
 * VS Code/Copilot integration check `capabilities` for `tools`, `vision`, `thinking`). There is no
 * Modelfile behind a routed model: `modelfile`, `parameters` and `template` are empty.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#show-model-information
 */
export function encodeOllamaShow(options: {
  model: OllamaListedModel;
  capabilities?: string[];
  /** Context window in tokens, when the provider's catalog knows it. */
  contextLength?: number;
}): Record<string, unknown> {
  const { model } = options;
  const family = model.family ?? '';
  const modelInfo: Record<string, unknown> = { 'general.architecture': family, 'general.basename': model.name };
  if (options.contextLength !== undefined && family !== '') modelInfo[`${family}.context_length`] = options.contextLength;
  return {
    modelfile: '',
    parameters: '',
    template: '',
    details: details(model),
    model_info: modelInfo,
    capabilities: options.capabilities ?? ['completion', 'tools'],
    modified_at: new Date(model.modifiedAt ?? Date.now()).toISOString(),
  };
}

/**
 * `GET /api/version`. Clients compare it against the minimum Ollama version they need for a
 * feature (tool streaming, thinking), so the router reports one with the features it has.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#version
 */
export const ollamaCompatibleVersion = '0.12.6';

export function encodeOllamaVersion(): { version: string } {
  return { version: ollamaCompatibleVersion };
}
