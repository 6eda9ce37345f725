/**
 * Gemini puts the model and the streaming choice in the URL. Streams are asked for as SSE
 * (`alt=sse`); without it Gemini streams one JSON array, which the decoder does not read.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function geminiPath(model: string, stream: boolean): string {
  const name = encodeURIComponent(model.replace(/^models\//, ''));
  return stream ? `/models/${name}:streamGenerateContent?alt=sse` : `/models/${name}:generateContent`;
}
