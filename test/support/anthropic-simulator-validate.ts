/**
 * The request rules Anthropic enforces that translators most often break, checked the way
 * Anthropic checks them (a 400 `invalid_request_error` naming the field), so a translation bug
 * fails in tests exactly as it would against api.anthropic.com.
 *
 * @see https://docs.anthropic.com/en/docs/build-with-claude/tool-use/implement-tool-use
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */

type Block = { type?: unknown; [key: string]: unknown };
type MessageParam = { role?: unknown; content?: unknown };

function blocksOf(message: MessageParam | undefined): Block[] {
  const content = message?.content;
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter((block): block is Block => typeof block === 'object' && block !== null) : [];
}

function toolUseIds(message: MessageParam | undefined): string[] {
  if (message?.role !== 'assistant') return [];
  return blocksOf(message)
    .filter((block) => block.type === 'tool_use')
    .map((block) => String(block.id));
}

/** The message of the first rule the body breaks, or undefined when Anthropic would accept it. */
export function validateMessagesRequest(body: Record<string, unknown>, version: string): string | undefined {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const messages = body.messages as MessageParam[];
  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | undefined;
  const thinkingOn = thinking?.type === 'enabled';
  // API version 2026-10-21 removed the sampling parameters.
  if (version !== '2023-06-01') {
    for (const name of ['temperature', 'top_p', 'top_k']) if (body[name] !== undefined) return `${name}: Extra inputs are not permitted on API version ${version}`;
  }

  if (thinkingOn) {
    const budget = Number(thinking.budget_tokens);
    if (!(budget >= 1024)) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (!(body.max_tokens > budget)) return '`max_tokens` must be greater than `thinking.budget_tokens`.';
    if (body.temperature !== undefined && body.temperature !== 1) return '`temperature` may only be set to 1 when thinking is enabled.';
    if (body.top_k !== undefined) return '`top_k` must be unset when thinking is enabled.';
    const choice = (body.tool_choice as { type?: unknown } | undefined)?.type;
    if (choice === 'any' || choice === 'tool') return 'Thinking may not be enabled when tool_choice forces tool use.';
  }
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1)) return 'temperature: Input should be less than or equal to 1';
  if (body.tool_choice !== undefined && !Array.isArray(body.tools)) return 'tool_choice: tool_choice may only be specified while providing tools.';
  if (Array.isArray(body.tools)) {
    for (const [index, tool] of (body.tools as { input_schema?: { type?: unknown } }[]).entries()) {
      if (tool.input_schema?.type !== 'object') return `tools.${index}.custom.input_schema.type: Input should be 'object'`;
    }
  }

  let lastAssistant = -1;
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system') return `messages.${index}.role: Input should be 'user', 'assistant' or 'system'`;
    if (message.role === 'assistant') lastAssistant = index;
    const blocks = blocksOf(message);
    const expected = new Set(toolUseIds(messages[index - 1]));
    let sawOther = false;
    for (const [position, block] of blocks.entries()) {
      const at = `messages.${index}.content.${position}`;
      if (block.type === 'text' && block.text === '') return 'messages: text content blocks must be non-empty';
      if (block.type === 'thinking' && typeof block.signature !== 'string') return `${at}.thinking.signature: Field required`;
      if (block.type === 'tool_use' && !/^[a-zA-Z0-9_-]+$/.test(String(block.id))) return `${at}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
      if (block.type === 'tool_use' && (typeof block.input !== 'object' || block.input === null || Array.isArray(block.input))) {
        return `${at}.tool_use.input: Input should be a valid dictionary`;
      }
      if (block.type === 'tool_result') {
        if (message.role !== 'user') return `${at}: tool_result blocks are only allowed in user messages`;
        if (!expected.has(String(block.tool_use_id))) {
          return `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
        }
        if (sawOther) return `${at}: \`tool_result\` blocks must come first in the user message content, before any other content.`;
      } else {
        sawOther = true;
      }
    }
    const answered = new Set(blocksOf(messages[index + 1]).filter((block) => block.type === 'tool_result').map((block) => String(block.tool_use_id)));
    const unanswered = toolUseIds(message).filter((id) => !answered.has(id));
    if (unanswered.length > 0 && index + 1 < messages.length) {
      return `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }

  if (thinkingOn && lastAssistant !== -1) {
    const blocks = blocksOf(messages[lastAssistant]);
    const first = blocks[0]?.type;
    if (blocks.some((block) => block.type === 'tool_use') && first !== 'thinking' && first !== 'redacted_thinking') {
      return `messages.${lastAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`;
    }
  }
  return undefined;
}
