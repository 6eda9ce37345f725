import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export interface ClientToolCall {
  /** '' when the format carries no call ids (Ollama). */
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface Answer {
  text: string;
  usage: { input: number; output: number };
}

/** An answer's final text and the reasoning the client received alongside it ('' when none). */
export interface ReasonedAnswer {
  text: string;
  reasoning: string;
}

/** An inline image as bytes in base64 and their media type. */
export interface InlineImage {
  mediaType: string;
  base64: string;
}

/** A 1x1 transparent PNG: the image every client sends in the image scenario. */
export const tinyPng: InlineImage = {
  mediaType: 'image/png',
  base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
};

export const dataUrl = (image: InlineImage): string => `data:${image.mediaType};base64,${image.base64}`;

/**
 * One client wire format, driven by its official SDK against the router, behind the same verbs.
 */
export interface ClientDriver {
  readonly format: 'openai-chat' | 'anthropic-messages' | 'openai-responses' | 'gemini' | 'ollama';
  /** Whether the format carries tool call ids at all (Ollama's does not). */
  readonly carriesCallIds: boolean;
  generate(model: string, prompt: string, stream: boolean): Promise<Answer>;
  /** Asks a question and returns the final text and the reasoning text, as the client's format carries it. */
  reason(model: string, prompt: string, stream: boolean): Promise<ReasonedAnswer>;
  /** Sends one user message holding `text` and `image` in the format's own image part; returns the answer's text (whole). */
  sendImage(model: string, text: string, image: InlineImage): Promise<string>;
  /** Asks with tools; returns the calls the client received, in order. */
  callTools(model: string, stream: boolean): Promise<ClientToolCall[]>;
  /** Sends results for `calls` (one text each) in the follow-up turn; returns the final text. */
  answerTools(model: string, calls: ClientToolCall[], results: string[], stream: boolean): Promise<string>;
  /** The error the SDK raises for one request: its status, and whether it is the SDK's class for it. */
  failure(model: string): Promise<{ status: number | undefined; retryAfter: string | null; isApiError: boolean; message: string }>;
  /** Streams until the stream fails; returns the text received before and the error. */
  streamUntilFailure(model: string): Promise<{ text: string; error: unknown }>;
  /** Formats whose stream events are numbered (Responses' `sequence_number`): the numbers of a stream that fails mid-way. */
  failedStreamSequence?(model: string): Promise<number[]>;
  /** Starts a request and aborts it after `afterMs`. */
  abort(model: string, afterMs: number): Promise<void>;
}

export const prompt = 'What is in src?';
export const toolDescriptions = [
  { name: 'read_file', description: 'Read a file', properties: { path: { type: 'string' } } },
  { name: 'list_dir', description: 'List a directory', properties: { path: { type: 'string' } } },
];

export function openAiClient(baseUrl: string): ClientDriver {
  const client = new OpenAI({ baseURL: baseUrl + '/v1', apiKey: 'any-key', maxRetries: 0 });
  const tools: OpenAI.ChatCompletionTool[] = toolDescriptions.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { type: 'object', properties: tool.properties, required: ['path'] } },
  }));
  const complete = async (model: string, messages: OpenAI.ChatCompletionMessageParam[], stream: boolean) => {
    if (!stream) {
      const completion = await client.chat.completions.create({ model, messages, tools, max_tokens: 1000 });
      const message = completion.choices[0]?.message;
      return {
        text: message?.content ?? '',
        // Not in the SDK's types: DeepSeek-style reasoning, read off the raw object.
        reasoning: (message as unknown as { reasoning_content?: string } | undefined)?.reasoning_content ?? '',
        calls: (message?.tool_calls ?? []).map((call) => (call.type === 'function' ? { id: call.id, name: call.function.name, input: JSON.parse(call.function.arguments) as Record<string, unknown> } : undefined)).filter((call) => call !== undefined),
        usage: { input: completion.usage?.prompt_tokens ?? -1, output: completion.usage?.completion_tokens ?? -1 },
      };
    }
    const chunks = await client.chat.completions.create({ model, messages, tools, max_tokens: 1000, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let reasoning = '';
    let usage = { input: -1, output: -1 };
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    for await (const chunk of chunks) {
      text += chunk.choices[0]?.delta.content ?? '';
      reasoning += (chunk.choices[0]?.delta as unknown as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
        call.id += delta.id ?? '';
        call.name += delta.function?.name ?? '';
        call.arguments += delta.function?.arguments ?? '';
        calls.set(delta.index, call);
      }
      if (chunk.usage) usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
    }
    return { text, reasoning, calls: [...calls.values()].map((call) => ({ id: call.id, name: call.name, input: JSON.parse(call.arguments) as Record<string, unknown> })), usage };
  };
  return {
    format: 'openai-chat',
    carriesCallIds: true,
    async generate(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, usage: answer.usage };
    },
    async reason(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, reasoning: answer.reasoning };
    },
    async sendImage(model, text, image) {
      const content: OpenAI.ChatCompletionContentPart[] = [
        { type: 'text', text },
        { type: 'image_url', image_url: { url: dataUrl(image) } },
      ];
      return (await complete(model, [{ role: 'user', content }], false)).text;
    },
    async callTools(model, stream) {
      return (await complete(model, [{ role: 'user', content: prompt }], stream)).calls;
    },
    async answerTools(model, calls, results, stream) {
      const messages: OpenAI.ChatCompletionMessageParam[] = [
        { role: 'user', content: prompt },
        { role: 'assistant', content: null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.input) } })) },
        ...calls.map((call, index): OpenAI.ChatCompletionToolMessageParam => ({ role: 'tool', tool_call_id: call.id, content: results[index] ?? '' })),
      ];
      return (await complete(model, messages, stream)).text;
    },
    async failure(model) {
      try {
        await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] });
      } catch (error) {
        if (error instanceof OpenAI.APIError) {
          return { status: error.status, retryAfter: error.headers?.get('retry-after') ?? null, isApiError: true, message: error.message };
        }
        return { status: undefined, retryAfter: null, isApiError: false, message: String(error) };
      }
      throw new Error('expected a failure');
    },
    async streamUntilFailure(model) {
      let text = '';
      try {
        const chunks = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'one two three four five six' }], stream: true });
        for await (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? '';
      } catch (error) {
        return { text, error };
      }
      return { text, error: undefined };
    },
    async abort(model, afterMs) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), afterMs);
      await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal }).catch(() => undefined);
    },
  };
}

export function anthropicClient(baseUrl: string): ClientDriver {
  const client = new Anthropic({ baseURL: baseUrl, apiKey: 'any-key', maxRetries: 0 });
  const tools: Anthropic.Tool[] = toolDescriptions.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', properties: tool.properties, required: ['path'] },
  }));
  const complete = async (model: string, messages: Anthropic.MessageParam[], stream: boolean) => {
    const message = stream
      ? await client.messages.stream({ model, messages, tools, max_tokens: 1000 }).finalMessage()
      : await client.messages.create({ model, messages, tools, max_tokens: 1000 });
    return {
      text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
      reasoning: message.content.map((block) => (block.type === 'thinking' ? block.thinking : '')).join(''),
      calls: message.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input as Record<string, unknown> }] : [])),
      usage: { input: message.usage.input_tokens, output: message.usage.output_tokens },
    };
  };
  return {
    format: 'anthropic-messages',
    carriesCallIds: true,
    async generate(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, usage: answer.usage };
    },
    async reason(model, text, stream) {
      const answer = await complete(model, [{ role: 'user', content: text }], stream);
      return { text: answer.text, reasoning: answer.reasoning };
    },
    async sendImage(model, text, image) {
      const mediaType = image.mediaType as Anthropic.Base64ImageSource['media_type'];
      const content: Anthropic.ContentBlockParam[] = [
        { type: 'image', source: { type: 'base64', media_type: mediaType, data: image.base64 } },
        { type: 'text', text },
      ];
      return (await complete(model, [{ role: 'user', content }], false)).text;
    },
    async callTools(model, stream) {
      return (await complete(model, [{ role: 'user', content: prompt }], stream)).calls;
    },
    async answerTools(model, calls, results, stream) {
      const messages: Anthropic.MessageParam[] = [
        { role: 'user', content: prompt },
        { role: 'assistant', content: calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.input })) },
        { role: 'user', content: calls.map((call, index) => ({ type: 'tool_result', tool_use_id: call.id, content: results[index] ?? '' })) },
      ];
      return (await complete(model, messages, stream)).text;
    },
    async failure(model) {
      try {
        await client.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
      } catch (error) {
        if (error instanceof Anthropic.APIError) {
          return { status: error.status, retryAfter: error.headers?.get('retry-after') ?? null, isApiError: true, message: error.message };
        }
        return { status: undefined, retryAfter: null, isApiError: false, message: String(error) };
      }
      throw new Error('expected a failure');
    },
    async streamUntilFailure(model) {
      let text = '';
      try {
        const stream = client.messages.stream({ model, max_tokens: 100, messages: [{ role: 'user', content: 'one two three four five six' }] });
        stream.on('text', (delta) => (text += delta));
        await stream.finalMessage();
      } catch (error) {
        return { text, error };
      }
      return { text, error: undefined };
    },
    async abort(model, afterMs) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), afterMs);
      await client.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal }).catch(() => undefined);
    },
  };
}
