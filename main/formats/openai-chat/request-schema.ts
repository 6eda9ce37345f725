import { z } from '../../../shared/zod.js';

// The full request, as translation reads it. Still loose: unknown fields are allowed (and ignored).

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  // A bare string is not OpenAI's shape, but several clients send it and vendors accept it.
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.nullish(z.string()) })]),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.nullish(z.string()), file_id: z.nullish(z.string()), filename: z.nullish(z.string()) }),
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
  type: z.optional(z.literal('function', { error: 'only function tool calls can be translated' })),
  function: z.looseObject({ name: z.string().check(z.minLength(1, 'must not be empty')), arguments: z.string() }),
});

const systemMessage = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), z.array(textPart)]),
});
const userMessage = z.looseObject({ role: z.literal('user'), content: z.union([z.string(), z.array(userPart)]) });
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: z.optional(z.union([z.string(), z.array(assistantPart), z.null()])),
  tool_calls: z.nullish(z.array(toolCall)),
  /** DeepSeek-style reasoning, sent back by clients that keep it. */
  reasoning_content: z.nullish(z.string()),
  refusal: z.nullish(z.string()),
  function_call: z.optional(z.unknown()),
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
    name: z.string().check(z.minLength(1, 'must not be empty')),
    description: z.nullish(z.string()),
    parameters: z.nullish(z.record(z.string(), z.unknown())),
    strict: z.nullish(z.boolean()),
  }),
});

const toolChoice = z.union(
  [
    z.enum(['auto', 'none', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().check(z.minLength(1)) }) }),
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
        name: z.string().check(z.minLength(1)),
        description: z.nullish(z.string()),
        schema: z.nullish(z.record(z.string(), z.unknown())),
        strict: z.nullish(z.boolean()),
      }),
    }),
  ],
  { error: 'expected a response format of type text, json_object or json_schema' },
);

export const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  messages: z.array(chatMessage).check(z.minLength(1, 'messages must contain at least one message')),
  tools: z.nullish(z.array(functionTool)),
  tool_choice: z.nullish(toolChoice),
  parallel_tool_calls: z.nullish(z.boolean()),
  max_tokens: z.nullish(z.number().check(z.int(), z.positive())),
  max_completion_tokens: z.nullish(z.number().check(z.int(), z.positive())),
  temperature: z.nullish(z.number()),
  top_p: z.nullish(z.number()),
  /** Not OpenAI's, but vLLM, OpenRouter, Together and others take it; the hub has a field for it. */
  top_k: z.nullish(z.number().check(z.int())),
  stop: z.nullish(z.union([z.string(), z.array(z.string())])),
  seed: z.nullish(z.number().check(z.int())),
  n: z.nullish(z.number().check(z.int(), z.positive())),
  response_format: z.nullish(responseFormat),
  reasoning_effort: z.nullish(z.enum(reasoningEfforts)),
  user: z.nullish(z.string()),
  stream: z.nullish(z.boolean()),
  stream_options: z.nullish(z.looseObject({ include_usage: z.nullish(z.boolean()) })),
  modalities: z.nullish(z.array(z.string())),
  audio: z.optional(z.unknown()),
  functions: z.optional(z.unknown()),
  function_call: z.optional(z.unknown()),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = z.infer<typeof chatMessage>;
export type UserContentPart = z.infer<typeof userPart>;
export type ToolContentPart = z.infer<typeof toolPart>;
