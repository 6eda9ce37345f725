import { z } from 'zod';

// The full request, as translation reads it. Still loose: unknown fields are allowed (and ignored).

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  // A bare string is not OpenAI's shape, but several clients send it and vendors accept it.
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.string().nullish() })]),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
});
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const userPart = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart], {
  error: 'expected a content part of type text, image_url, input_audio or file',
});
/** OpenAI takes text only in tool messages; images are accepted too, as several vendors do. */
const toolPart = z.discriminatedUnion('type', [textPart, imagePart], { error: 'expected a content part of type text or image_url' });
const assistantPart = z.discriminatedUnion('type', [textPart, refusalPart], { error: 'expected a content part of type text or refusal' });

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function', { error: 'only function tool calls can be translated' }).optional(),
  function: z.looseObject({ name: z.string().min(1, 'must not be empty'), arguments: z.string() }),
});

const systemMessage = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), z.array(textPart)]),
});
const userMessage = z.looseObject({ role: z.literal('user'), content: z.union([z.string(), z.array(userPart)]) });
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(assistantPart), z.null()]).optional(),
  tool_calls: z.array(toolCall).nullish(),
  /** DeepSeek-style reasoning, sent back by clients that keep it. */
  reasoning_content: z.string().nullish(),
  refusal: z.string().nullish(),
  function_call: z.unknown().optional(),
});
const toolMessage = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.union([z.string(), z.array(toolPart)]),
});
const functionMessage = z.looseObject({ role: z.literal('function') });

const chatMessage = z.discriminatedUnion('role', [systemMessage, userMessage, assistantMessage, toolMessage, functionMessage], {
  error: 'expected a message with role system, developer, user, assistant or tool',
});

const functionTool = z.looseObject({
  type: z.literal('function', { error: 'only function tools can be translated' }),
  function: z.looseObject({
    name: z.string().min(1, 'must not be empty'),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union(
  [
    z.enum(['auto', 'none', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
  ],
  { error: "expected 'auto', 'none', 'required' or {type: 'function', function: {name}}" },
);

const responseFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().min(1),
        description: z.string().nullish(),
        schema: z.record(z.string(), z.unknown()).nullish(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'expected a response format of type text, json_object or json_schema' },
);

export const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, 'model must not be empty'),
  messages: z.array(chatMessage).min(1, 'messages must contain at least one message'),
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  /** Not OpenAI's, but vLLM, OpenRouter, Together and others take it; the hub has a field for it. */
  top_k: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: z.number().int().nullish(),
  n: z.number().int().positive().nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.enum(reasoningEfforts).nullish(),
  user: z.string().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  modalities: z.array(z.string()).nullish(),
  audio: z.unknown().optional(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = z.infer<typeof chatMessage>;
export type UserContentPart = z.infer<typeof userPart>;
export type ToolContentPart = z.infer<typeof toolPart>;
