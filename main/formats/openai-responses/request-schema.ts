import { z } from '../../../shared/zod.js';

/**
 * The Responses request as translation reads it: loose, so unknown fields are allowed (and kept
 * or ignored by the decoder). Item types the hub cannot express are accepted here and recorded as
 * untranslatable by the decoder, since passthrough to a Responses upstream needs none of them.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.nullish(z.string()),
  file_id: z.nullish(z.string()),
  detail: z.nullish(z.string()),
});
const inputFile = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.nullish(z.string()),
  file_id: z.nullish(z.string()),
  file_url: z.nullish(z.string()),
  filename: z.nullish(z.string()),
});
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const contentPart = z.discriminatedUnion('type', [inputText, inputImage, inputFile, outputText, refusal], {
  error: 'expected a content part of type input_text, input_image, input_file, output_text or refusal',
});

export const messageItem = z.looseObject({
  type: z.optional(z.literal('message')),
  role: z.enum(['user', 'system', 'developer', 'assistant']),
  content: z.union([z.string(), z.array(contentPart)]),
  id: z.nullish(z.string()),
});

export const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().check(z.minLength(1, 'must not be empty')),
  name: z.string().check(z.minLength(1, 'must not be empty')),
  arguments: z.string(),
  id: z.nullish(z.string()),
});

export const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().check(z.minLength(1, 'must not be empty')),
  output: z.union([z.string(), z.array(contentPart)]),
});

export const reasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: z.nullish(z.string()),
  summary: z.nullish(z.array(z.looseObject({ type: z.string(), text: z.string() }))),
  content: z.nullish(z.array(z.looseObject({ type: z.string(), text: z.string() }))),
  encrypted_content: z.nullish(z.string()),
});

export const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().check(z.minLength(1, 'must not be empty')),
  description: z.nullish(z.string()),
  parameters: z.nullish(z.record(z.string(), z.unknown())),
  strict: z.nullish(z.boolean()),
});

const textFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      name: z.nullish(z.string()),
      description: z.nullish(z.string()),
      schema: z.nullish(z.record(z.string(), z.unknown())),
      strict: z.nullish(z.boolean()),
    }),
  ],
  { error: 'expected a text format of type text, json_object or json_schema' },
);

export const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

export const responsesRequestSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  input: z.union([z.string(), z.array(z.looseObject({ type: z.optional(z.string()) }))], { error: 'expected a string or an array of input items' }),
  instructions: z.nullish(z.string()),
  tools: z.nullish(z.array(z.looseObject({ type: z.string() }))),
  tool_choice: z.nullish(z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.string(), name: z.optional(z.string()) })])),
  parallel_tool_calls: z.nullish(z.boolean()),
  max_output_tokens: z.nullish(z.number().check(z.int(), z.positive())),
  temperature: z.nullish(z.number()),
  top_p: z.nullish(z.number()),
  text: z.nullish(z.looseObject({ format: z.nullish(textFormat) })),
  reasoning: z.nullish(z.looseObject({ effort: z.nullish(z.enum(reasoningEfforts)), summary: z.nullish(z.string()) })),
  stream: z.nullish(z.boolean()),
  store: z.nullish(z.boolean()),
  previous_response_id: z.nullish(z.string().check(z.minLength(1))),
  include: z.nullish(z.array(z.string())),
  user: z.nullish(z.string()),
  safety_identifier: z.nullish(z.string()),
  /** Up to 16 string pairs the client attaches to the response; echoed back on it. */
  metadata: z.nullish(z.record(z.string(), z.string())),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
export type ResponsesContentPart = z.infer<typeof contentPart>;
export type ResponsesFunctionTool = z.infer<typeof functionTool>;
