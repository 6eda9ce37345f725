/**
 * The Responses wire shapes the simulator sends: a `response` object and its event stream with
 * `sequence_number`s, in the order OpenAI documents.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export interface ResponsesScriptedReply {
  text?: string;
  /** Text deltas; overrides splitting `text` by word. */
  chunks?: string[];
  reasoning?: { summary: string; encryptedContent?: string; id?: string };
  toolCalls?: { callId: string; name: string; arguments: string }[];
  /** `incomplete` reports `max_output_tokens`. */
  status?: 'completed' | 'incomplete';
  usage?: { input_tokens: number; output_tokens: number; cached_tokens?: number; reasoning_tokens?: number };
}

export function responseObject(id: string, model: string, reply: ResponsesScriptedReply, status: string): Record<string, unknown> {
  const usage = reply.usage ?? { input_tokens: 10, output_tokens: 5 };
  return {
    id,
    object: 'response',
    created_at: 1700000000,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model,
    output: status === 'in_progress' ? [] : outputItems(id, reply),
    usage:
      status === 'in_progress'
        ? null
        : {
            input_tokens: usage.input_tokens,
            input_tokens_details: { cached_tokens: usage.cached_tokens ?? 0 },
            output_tokens: usage.output_tokens,
            output_tokens_details: { reasoning_tokens: usage.reasoning_tokens ?? 0 },
            total_tokens: usage.input_tokens + usage.output_tokens,
          },
  };
}

function outputItems(id: string, reply: ResponsesScriptedReply): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (reply.reasoning) items.push(reasoningItem(id, reply.reasoning));
  const text = reply.chunks?.join('') ?? reply.text;
  if (text !== undefined) items.push({ id: `msg_${id}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
  reply.toolCalls?.forEach((call, index) => items.push({ id: `fc_${id}_${index}`, type: 'function_call', status: 'completed', call_id: call.callId, name: call.name, arguments: call.arguments }));
  return items;
}

function reasoningItem(id: string, reasoning: NonNullable<ResponsesScriptedReply['reasoning']>): Record<string, unknown> {
  return { id: reasoning.id ?? `rs_${id}`, type: 'reasoning', summary: [{ type: 'summary_text', text: reasoning.summary }], ...(reasoning.encryptedContent ? { encrypted_content: reasoning.encryptedContent } : {}) };
}

/** The whole event stream, one SSE event per string. */
export function streamEvents(id: string, model: string, reply: ResponsesScriptedReply): string[] {
  let sequence = 0;
  const events: string[] = [];
  const emit = (type: string, fields: Record<string, unknown>): void => void events.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`);
  emit('response.created', { response: responseObject(id, model, reply, 'in_progress') });
  emit('response.in_progress', { response: responseObject(id, model, reply, 'in_progress') });
  const final = outputItems(id, reply);
  final.forEach((item, index) => {
    const ids = { item_id: item.id, output_index: index };
    if (item.type === 'reasoning') {
      const summary = reply.reasoning?.summary ?? '';
      emit('response.output_item.added', { output_index: index, item: { id: item.id, type: 'reasoning', summary: [] } });
      emit('response.reasoning_summary_part.added', { ...ids, summary_index: 0, part: { type: 'summary_text', text: '' } });
      emit('response.reasoning_summary_text.delta', { ...ids, summary_index: 0, delta: summary });
      emit('response.reasoning_summary_text.done', { ...ids, summary_index: 0, text: summary });
      emit('response.reasoning_summary_part.done', { ...ids, summary_index: 0, part: { type: 'summary_text', text: summary } });
    } else if (item.type === 'message') {
      const text = reply.chunks?.join('') ?? reply.text ?? '';
      emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      emit('response.content_part.added', { ...ids, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      for (const delta of reply.chunks ?? text.split(/(?=\s)/)) emit('response.output_text.delta', { ...ids, content_index: 0, delta, logprobs: [] });
      emit('response.output_text.done', { ...ids, content_index: 0, text, logprobs: [] });
      emit('response.content_part.done', { ...ids, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
    } else {
      const args = String(item.arguments);
      emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      const half = Math.ceil(args.length / 2);
      for (const delta of [args.slice(0, half), args.slice(half)]) if (delta) emit('response.function_call_arguments.delta', { ...ids, delta });
      emit('response.function_call_arguments.done', { ...ids, name: item.name, arguments: args });
    }
    emit('response.output_item.done', { output_index: index, item });
  });
  const status = reply.status ?? 'completed';
  emit(`response.${status}`, { response: responseObject(id, model, reply, status) });
  return events;
}
