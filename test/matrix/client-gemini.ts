import { ApiError, GoogleGenAI, type Content, type FunctionDeclaration, type GenerateContentResponse, type Part } from '@google/genai';
import { prompt, toolDescriptions, type ClientDriver, type ClientToolCall } from './client-drivers.js';

/**
 * Gemini (`/v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`), driven by
 * `@google/genai`. The SDK turns the model `up/x` into the path `models/up/x:generateContent`.
 * Function call ids are optional in Gemini: the router gives every call it encodes one, and the
 * driver sends them back on the functionResponse parts.
 */
export function geminiClient(baseUrl: string): ClientDriver {
  // The SDK's ApiError has a status and a message but no headers: a fetch that keeps the last
  // response's headers lets `failure` read `retry-after` as a Gemini client on the wire sees it.
  let lastHeaders: Headers | undefined;
  const recordingFetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const response = await fetch(input, init);
    lastHeaders = response.headers;
    return response;
  };
  const ai = new GoogleGenAI({ apiKey: 'any-key', httpOptions: { baseUrl, fetch: recordingFetch } });
  const functionDeclarations: FunctionDeclaration[] = toolDescriptions.map((tool) => ({
    name: tool.name,
    description: tool.description,
    parametersJsonSchema: { type: 'object', properties: tool.properties, required: ['path'] },
  }));
  const config = { tools: [{ functionDeclarations }], maxOutputTokens: 1000 };
  const partsOf = (response: GenerateContentResponse): Part[] => response.candidates?.[0]?.content?.parts ?? [];
  const complete = async (model: string, contents: Content[], stream: boolean) => {
    const responses: GenerateContentResponse[] = [];
    if (stream) {
      for await (const chunk of await ai.models.generateContentStream({ model, contents, config })) responses.push(chunk);
    } else {
      responses.push(await ai.models.generateContent({ model, contents, config }));
    }
    const parts = responses.flatMap(partsOf);
    const usage = responses.map((response) => response.usageMetadata).filter((metadata) => metadata !== undefined).at(-1);
    return {
      text: parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join(''),
      reasoning: parts.map((part) => (part.thought ? (part.text ?? '') : '')).join(''),
      calls: parts.flatMap((part): ClientToolCall[] => (part.functionCall ? [{ id: part.functionCall.id ?? '', name: part.functionCall.name ?? '', input: part.functionCall.args ?? {} }] : [])),
      usage: { input: usage?.promptTokenCount ?? -1, output: usage?.candidatesTokenCount ?? -1 },
    };
  };
  const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });
  return {
    format: 'gemini',
    carriesCallIds: true,
    async generate(model, text, stream) {
      const answer = await complete(model, [user(text)], stream);
      return { text: answer.text, usage: answer.usage };
    },
    async reason(model, text, stream) {
      const answer = await complete(model, [user(text)], stream);
      return { text: answer.text, reasoning: answer.reasoning };
    },
    async sendImage(model, text, image) {
      const contents: Content[] = [{ role: 'user', parts: [{ text }, { inlineData: { mimeType: image.mediaType, data: image.base64 } }] }];
      return (await complete(model, contents, false)).text;
    },
    async callTools(model, stream) {
      return (await complete(model, [user(prompt)], stream)).calls;
    },
    async answerTools(model, calls, results, stream) {
      const contents: Content[] = [
        user(prompt),
        { role: 'model', parts: calls.map((call) => ({ functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args: call.input } })) },
        { role: 'user', parts: calls.map((call, index) => ({ functionResponse: { ...(call.id ? { id: call.id } : {}), name: call.name, response: { output: results[index] ?? '' } } })) },
      ];
      return (await complete(model, contents, stream)).text;
    },
    async failure(model) {
      try {
        await ai.models.generateContent({ model, contents: 'x' });
      } catch (error) {
        if (error instanceof ApiError) return { status: error.status, retryAfter: lastHeaders?.get('retry-after') ?? null, isApiError: true, message: error.message };
        return { status: undefined, retryAfter: null, isApiError: false, message: String(error) };
      }
      throw new Error('expected a failure');
    },
    async streamUntilFailure(model) {
      let text = '';
      try {
        for await (const chunk of await ai.models.generateContentStream({ model, contents: 'one two three four five six' })) {
          text += partsOf(chunk).map((part) => part.text ?? '').join('');
          // Whatever the SDK does not throw itself: an error object in the stream is a visible failure too.
          const error = (chunk as unknown as { error?: unknown }).error;
          if (error) return { text, error };
        }
      } catch (error) {
        return { text, error };
      }
      return { text, error: undefined };
    },
    async abort(model, afterMs) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), afterMs);
      await ai.models.generateContent({ model, contents: 'x', config: { abortSignal: controller.signal } }).catch(() => undefined);
    },
  };
}
