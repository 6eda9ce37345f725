/**
 * `GET /v1beta/models` as Gemini lists models: resource names under `models/`. Router model
 * names may contain `/` (`provider/model`); Gemini clients put the name back in the URL as is.
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export function encodeGeminiModelList(models: { name: string; displayName?: string }[]): { models: Record<string, unknown>[] } {
  return {
    models: models.map((model) => ({
      name: `models/${model.name}`,
      displayName: model.displayName ?? model.name,
      supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
    })),
  };
}
