import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, JsonValue, ToolDefinition } from '../../spec/index.js';
import { anthropicExtras, withMetadata } from './anthropic-extras.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-request-schema.js';
import type { Untranslatable } from './untranslatable.js';

/**
 * Client tools become canonical tool definitions. Anthropic-defined tools (`web_search_*`,
 * `bash_*`, `text_editor_*`, ...) have no schema another model could use: they are kept aside for
 * passthrough and reported as untranslatable, never dropped silently.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 */
export function decodeTools(
  tools: AnthropicTool[],
  rawTools: unknown,
  untranslatable: Untranslatable[],
): { tools: ToolDefinition[]; serverTools: JsonValue[] } {
  const definitions: ToolDefinition[] = [];
  const serverTools: JsonValue[] = [];
  tools.forEach((tool, index) => {
    const param = `tools[${index}]`;
    if (tool.type != null && tool.type !== 'custom') {
      // As the client wrote it: the validated copy has its keys reordered.
      serverTools.push((rawTools as JsonValue[])[index] ?? null);
      untranslatable.push({ param, what: `the Anthropic-defined tool '${tool.name}' (type '${tool.type}')`, droppable: true });
      return;
    }
    if (!tool.input_schema) throw invalidRequest(`Invalid '${param}.input_schema': required for tool '${tool.name}'.`, `${param}.input_schema`);
    definitions.push(
      withMetadata<ToolDefinition>(
        { name: tool.name, description: tool.description ?? undefined, inputSchema: tool.input_schema as ToolDefinition['inputSchema'] },
        anthropicExtras(tool, ['name', 'type', 'description', 'input_schema']),
      ),
    );
  });
  return { tools: definitions, serverTools };
}

/**
 * `auto`, `any` (= required), `none` and `tool` (one named tool). `disable_parallel_tool_use`
 * maps to parallelToolCalls; left out, the upstream's default applies.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use
 */
export function decodeToolChoice(choice: AnthropicToolChoice | undefined): Pick<ChatRequest, 'toolChoice' | 'parallelToolCalls'> {
  if (choice === undefined) return { toolChoice: undefined, parallelToolCalls: undefined };
  const disable = 'disable_parallel_tool_use' in choice ? choice.disable_parallel_tool_use : undefined;
  const parallelToolCalls = typeof disable === 'boolean' ? !disable : undefined;
  switch (choice.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, parallelToolCalls };
    case 'any':
      return { toolChoice: { type: 'required' }, parallelToolCalls };
    case 'tool':
      return { toolChoice: { type: 'tool', toolName: choice.name }, parallelToolCalls };
    case 'none':
      return { toolChoice: { type: 'none' }, parallelToolCalls };
  }
}
