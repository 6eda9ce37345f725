import OpenAI from 'openai';
import { dataUrl, prompt, toolDescriptions, type ClientDriver, type ClientToolCall } from './client-drivers.js';

type Input = OpenAI.Responses.ResponseInput;

/** The OpenAI Responses API (`/v1/responses`), driven by the `openai` SDK's `client.responses`. */
export function responsesClient(baseUrl: string): ClientDriver {
  const client = new OpenAI({ baseURL: baseUrl + '/v1', apiKey: 'any-key', maxRetries: 0 });
  const tools: OpenAI.Responses.FunctionTool[] = toolDescriptions.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    strict: false,
    parameters: { type: 'object', properties: tool.properties, required: ['path'] },
  }));
  const complete = async (model: string, input: string | Input, stream: boolean) => {
    const calls: ClientToolCall[] = [];
    let text = '';
    let reasoning = '';
    let usage = { input: -1, output: -1 };
    const read = (response: OpenAI.Responses.Response) => {
      usage = { input: response.usage?.input_tokens ?? -1, output: response.usage?.output_tokens ?? -1 };
    };
    const call = (item: OpenAI.Responses.ResponseFunctionToolCall) => calls.push({ id: item.call_id, name: item.name, input: JSON.parse(item.arguments) as Record<string, unknown> });
    if (!stream) {
      const response = await client.responses.create({ model, input, tools, max_output_tokens: 1000 });
      for (const item of response.output) {
        if (item.type === 'message') text += item.content.map((part) => (part.type === 'output_text' ? part.text : '')).join('');
        if (item.type === 'function_call') call(item);
        if (item.type === 'reasoning') reasoning += item.summary.map((part) => part.text).join('');
      }
      read(response);
      return { text, reasoning, calls, usage };
    }
    const events = await client.responses.create({ model, input, tools, max_output_tokens: 1000, stream: true });
    let completed = false;
    for await (const event of events) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.reasoning_summary_text.delta') reasoning += event.delta;
      if (event.type === 'response.output_item.done' && event.item.type === 'function_call') call(event.item);
      if (event.type === 'response.completed') {
        completed = true;
        read(event.response);
      }
      if (event.type === 'response.failed' || event.type === 'error') throw new Error(`stream failed: ${JSON.stringify(event)}`);
    }
    if (!completed) throw new Error('the stream ended without response.completed');
    return { text, reasoning, calls, usage };
  };
  return {
    format: 'openai-responses',
    carriesCallIds: true,
    async generate(model, text, stream) {
      const answer = await complete(model, text, stream);
      return { text: answer.text, usage: answer.usage };
    },
    async reason(model, text, stream) {
      const answer = await complete(model, text, stream);
      return { text: answer.text, reasoning: answer.reasoning };
    },
    async sendImage(model, text, image) {
      const input: Input = [
        {
          role: 'user',
          content: [
            { type: 'input_text', text },
            { type: 'input_image', image_url: dataUrl(image), detail: 'auto' },
          ],
        },
      ];
      return (await complete(model, input, false)).text;
    },
    async callTools(model, stream) {
      return (await complete(model, prompt, stream)).calls;
    },
    async answerTools(model, calls, results, stream) {
      const input: Input = [
        { role: 'user', content: prompt },
        ...calls.map((call): OpenAI.Responses.ResponseFunctionToolCall => ({ type: 'function_call', call_id: call.id, name: call.name, arguments: JSON.stringify(call.input) })),
        ...calls.map((call, index): OpenAI.Responses.ResponseInputItem.FunctionCallOutput => ({ type: 'function_call_output', call_id: call.id, output: results[index] ?? '' })),
      ];
      return (await complete(model, input, stream)).text;
    },
    async failure(model) {
      try {
        await client.responses.create({ model, input: 'x' });
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
        const events = await client.responses.create({ model, input: 'one two three four five six', stream: true });
        let completed = false;
        for await (const event of events) {
          if (event.type === 'response.output_text.delta') text += event.delta;
          // A failed response is how the Responses stream reports an error after it started.
          if (event.type === 'response.failed' || event.type === 'error') return { text, error: event };
          if (event.type === 'response.completed') completed = true;
        }
        if (!completed) return { text, error: undefined };
      } catch (error) {
        return { text, error };
      }
      return { text, error: undefined };
    },
    async failedStreamSequence(model) {
      const numbers: number[] = [];
      try {
        for await (const event of await client.responses.create({ model, input: 'one two three four five six', stream: true })) numbers.push(event.sequence_number);
      } catch {
        // The numbers received so far are the answer.
      }
      return numbers;
    },
    async abort(model, afterMs) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), afterMs);
      await client.responses.create({ model, input: 'x' }, { signal: controller.signal }).catch(() => undefined);
    },
  };
}
