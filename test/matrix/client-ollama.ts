import { Ollama, type ChatResponse, type Message, type Tool } from 'ollama';
import { prompt, toolDescriptions, type ClientDriver, type ClientToolCall } from './client-drivers.js';

/**
 * Ollama (`/api/chat`, NDJSON streaming), driven by the `ollama` SDK. Ollama tool calls carry no
 * ids: a call is known by its name and place, and a tool message names its function in
 * `tool_name`, so this driver reports calls with an empty id.
 */
export function ollamaClient(baseUrl: string): ClientDriver {
  // The SDK only hands out its AbortController once the response headers arrived, and its
  // ResponseError has no headers: a fetch with our own signal lets `abort` cancel a request whose
  // answer has not started, and keeping the last response's headers lets `failure` read
  // `retry-after` as an Ollama client on the wire sees it.
  let signal: AbortSignal | undefined;
  let lastHeaders: Headers | undefined;
  const client = new Ollama({
    host: baseUrl,
    fetch: async (input, init) => {
      const response = await fetch(input, { ...init, ...(signal ? { signal } : {}) });
      lastHeaders = response.headers;
      return response;
    },
  });
  const tools: Tool[] = toolDescriptions.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { type: 'object', properties: tool.properties, required: ['path'] } },
  }));
  const complete = async (model: string, messages: Message[], stream: boolean) => {
    const parts: ChatResponse[] = [];
    if (stream) {
      for await (const part of await client.chat({ model, messages, tools, stream: true })) parts.push(part);
    } else {
      parts.push(await client.chat({ model, messages, tools, stream: false }));
    }
    const last = parts.at(-1);
    return {
      text: parts.map((part) => part.message.content).join(''),
      reasoning: parts.map((part) => part.message.thinking ?? '').join(''),
      calls: parts.flatMap((part) => part.message.tool_calls ?? []).map((call): ClientToolCall => ({ id: '', name: call.function.name, input: call.function.arguments })),
      usage: { input: last?.prompt_eval_count ?? -1, output: last?.eval_count ?? -1 },
    };
  };
  return {
    format: 'ollama',
    carriesCallIds: false,
    async generate(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, usage: answer.usage };
    },
    async reason(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, reasoning: answer.reasoning };
    },
    async sendImage(model, text, image) {
      // Ollama images are bare base64: the format names no media type.
      return (await complete(model, [{ role: 'user', content: text, images: [image.base64] }], false)).text;
    },
    async callTools(model, stream) {
      return (await complete(model, [{ role: 'user', content: prompt }], stream)).calls;
    },
    async answerTools(model, calls, results, stream) {
      const messages: Message[] = [
        { role: 'user', content: prompt },
        { role: 'assistant', content: '', tool_calls: calls.map((call) => ({ function: { name: call.name, arguments: call.input } })) },
        ...calls.map((call, index): Message => ({ role: 'tool', tool_name: call.name, content: results[index] ?? '' })),
      ];
      return (await complete(model, messages, stream)).text;
    },
    async failure(model) {
      try {
        await client.chat({ model, messages: [{ role: 'user', content: 'x' }], stream: false });
      } catch (error) {
        // The SDK does not export its ResponseError class; it is known by name and status_code.
        const status = (error as { status_code?: unknown }).status_code;
        if (error instanceof Error && error.name === 'ResponseError' && typeof status === 'number') return { status, retryAfter: lastHeaders?.get('retry-after') ?? null, isApiError: true, message: error.message };
        return { status: undefined, retryAfter: null, isApiError: false, message: String(error) };
      }
      throw new Error('expected a failure');
    },
    async streamUntilFailure(model) {
      let text = '';
      try {
        // The SDK throws for an `{"error"}` line and for a stream that ends without `done: true`.
        for await (const part of await client.chat({ model, messages: [{ role: 'user', content: 'one two three four five six' }], stream: true })) text += part.message.content;
      } catch (error) {
        return { text, error };
      }
      return { text, error: undefined };
    },
    async abort(model, afterMs) {
      const controller = new AbortController();
      signal = controller.signal;
      setTimeout(() => controller.abort(), afterMs);
      try {
        await client.chat({ model, messages: [{ role: 'user', content: 'x' }], stream: false }).catch(() => undefined);
      } finally {
        signal = undefined;
      }
    },
  };
}
