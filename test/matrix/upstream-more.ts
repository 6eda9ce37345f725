import { startGeminiSimulator } from '../support/gemini-simulator.js';
import { startOllamaSimulator } from '../support/ollama-simulator.js';
import { startResponsesSimulator } from '../support/responses-simulator.js';
import { fromDataUrl, seen, textOf, type UpstreamDriver } from './upstream-drivers.js';

/** Upstream drivers for the Responses, Gemini and Ollama simulators. */

export async function responsesUpstream(): Promise<UpstreamDriver> {
  const sim = await startResponsesSimulator({ models: ['gpt-5-codex'] });
  return {
    family: 'openai-responses',
    model: 'gpt-5-codex',
    callIds: true,
    path: /^\/v1\/responses$/,
    provider: (name) => ({ name, kind: 'openai-responses', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models }),
    replyText: (text, usage) => sim.reply({ text, usage: { input_tokens: usage.input, output_tokens: usage.output } }),
    replyToolCalls: (calls) => sim.reply({ toolCalls: calls.map((call) => ({ callId: call.id, name: call.name, arguments: JSON.stringify(call.input) })) }),
    replyReasoning: (reasoning, text) => sim.reply({ reasoning: { summary: reasoning }, text }),
    failWith: (status, headers) => sim.fail(headers ? { status, headers } : { status }),
    // Four events (created, in_progress, output_item.added, content_part.added) come before any text.
    cutAfter: (events) => sim.fail({ cutAfterChunks: events + 4 }),
    hang: () => sim.fail({ hang: true }),
    lastToolResults() {
      type Item = { type?: string; call_id?: string; name?: string; output?: unknown };
      const input = (sim.requests.at(-1)?.body as { input: unknown }).input;
      const items = Array.isArray(input) ? (input as Item[]) : [];
      const names = new Map(items.filter((item) => item.type === 'function_call').map((item) => [item.call_id, item.name ?? '']));
      return items
        .filter((item) => item.type === 'function_call_output')
        .map((item) => ({ id: item.call_id ?? '', name: names.get(item.call_id) ?? '', content: textOf(item.output) }));
    },
    lastImages() {
      type Part = { type?: string; image_url?: string };
      const input = (sim.requests.at(-1)?.body as { input: unknown }).input;
      const items = Array.isArray(input) ? (input as { content?: unknown }[]) : [];
      return items
        .flatMap((item) => (Array.isArray(item.content) ? (item.content as Part[]) : []))
        .filter((part) => part.type === 'input_image')
        .map((part) => fromDataUrl(part.image_url));
    },
    lastRequest: () => seen(sim.requests.at(-1)),
    waitForAborted: () => sim.waitForAborted(1, 5000),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}

export async function geminiUpstream(): Promise<UpstreamDriver> {
  const sim = await startGeminiSimulator({ models: ['gemini-2.5-flash'] });
  return {
    family: 'gemini',
    model: 'gemini-2.5-flash',
    // Scripted without ids, as most Gemini models answer: the router must make them up and pair the
    // results back by name and order.
    callIds: false,
    path: /^\/v1beta\/models\/gemini-2\.5-flash:(generateContent|streamGenerateContent)$/,
    provider: (name) => ({ name, kind: 'gemini', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models }),
    replyText: (text, usage) =>
      sim.reply({ text, usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output } }),
    replyToolCalls: (calls) => sim.reply({ functionCalls: calls.map((call) => ({ name: call.name, args: call.input })) }),
    replyReasoning: (reasoning, text) => sim.reply({ thought: reasoning, thoughtSignature: 'c2ltdWxhdGVkLXNpZ25hdHVyZQ==', text }),
    failWith: (status, headers) => sim.fail(headers ? { status, headers } : { status }),
    cutAfter: (events) => sim.fail({ cutAfterChunks: events }),
    hang: () => sim.fail({ hang: true }),
    lastToolResults() {
      type Part = { functionResponse?: { id?: string; name: string; response?: { output?: unknown; error?: unknown } } };
      const contents = (sim.requests.at(-1)?.body as { contents: { parts?: Part[] }[] }).contents;
      return contents
        .flatMap((content) => content.parts ?? [])
        .flatMap((part) => (part.functionResponse ? [part.functionResponse] : []))
        .map((response) => ({ name: response.name, content: textOf(response.response?.output ?? response.response?.error) }));
    },
    lastImages() {
      type Part = { inlineData?: { mimeType?: string; data?: string } };
      const contents = (sim.requests.at(-1)?.body as { contents: { parts?: Part[] }[] }).contents;
      return contents
        .flatMap((content) => content.parts ?? [])
        .flatMap((part) => (part.inlineData ? [{ mediaType: part.inlineData.mimeType, base64: part.inlineData.data ?? '' }] : []));
    },
    lastRequest() {
      const request = sim.requests.at(-1);
      if (!request) return undefined;
      return { path: request.path, model: /^\/v1beta\/models\/(.+):/.exec(request.path)?.[1], body: request.body };
    },
    waitForAborted: () => sim.waitForAborted(1, 5000),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}

export async function ollamaUpstream(): Promise<UpstreamDriver> {
  const sim = await startOllamaSimulator({ models: ['llama3.2:latest'] });
  return {
    family: 'ollama',
    model: 'llama3.2:latest',
    callIds: false,
    path: /^\/api\/chat$/,
    provider: (name) => ({ name, kind: 'ollama', baseUrl: sim.url, models: sim.models }),
    replyText: (text, usage) => sim.reply({ text, promptEvalCount: usage.input, evalCount: usage.output }),
    replyToolCalls: (calls) => sim.reply({ toolCalls: calls.map((call) => ({ name: call.name, arguments: call.input })) }),
    replyReasoning: (reasoning, text) => sim.reply({ thinking: reasoning, text }),
    failWith: (status, headers) => sim.fail(headers ? { status, headers } : { status }),
    cutAfter: (events) => sim.fail({ cutAfterChunks: events }),
    hang: () => sim.fail({ hang: true }),
    lastToolResults() {
      // Ollama pairs a tool message with its call by `tool_name` (and order): no ids on the wire.
      const messages = (sim.requests.at(-1)?.body as { messages: { role: string; tool_name?: string; content: unknown }[] }).messages;
      return messages.filter((message) => message.role === 'tool').map((message) => ({ name: message.tool_name ?? '', content: textOf(message.content) }));
    },
    lastImages() {
      // Ollama images are bare base64 on the message: the family names no media type.
      const messages = (sim.requests.at(-1)?.body as { messages: { images?: string[] }[] }).messages;
      return messages.flatMap((message) => message.images ?? []).map((base64) => ({ mediaType: undefined, base64 }));
    },
    lastRequest: () => seen(sim.requests.at(-1)),
    waitForAborted: () => sim.waitForAborted(1, 5000),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}
