import { invalidRequest } from '../../errors/gateway-error.js';
import type { AssistantMessage, Message, ToolResultPart, UserMessage } from '../../spec/index.js';
import { withAnthropicExtras } from './anthropic-provider-metadata.js';
import type {
  AnthropicAssistantBlock,
  AnthropicMessageParam,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
  AnthropicUserBlock,
} from './anthropic-request-body.js';
import { anthropicToolUseId } from './anthropic-tool-use-id.js';
import { convertFilePart } from './convert-file-part.js';
import { anthropicThinking } from './thinking-memory.js';

/** One turn being assembled; user turns keep tool results apart so they can go first. */
type Turn = { role: 'user'; toolResults: AnthropicToolResultBlock[]; other: AnthropicUserBlock[] } | { role: 'assistant'; blocks: AnthropicAssistantBlock[] };

/**
 * Canonical messages to Anthropic's `system` + `messages`.
 *
 * - System messages may sit anywhere in the canonical conversation; Anthropic has one top-level
 *   `system`, so every system text goes there, in order.
 * - Anthropic wants user and assistant turns to alternate, so consecutive messages of one role are
 *   merged, and tool messages become user turns.
 * - In a user turn, `tool_result` blocks must come before any other content, or Anthropic rejects
 *   the request; results merged into a turn are therefore placed first.
 * - Reasoning is replayed only when Anthropic signed it (`thinking` with its signature, or
 *   `redacted_thinking` data): Anthropic rejects unsigned thinking, and reasoning from other
 *   vendors is unsigned. A tool turn a client sent back without its thinking (only Anthropic's
 *   format carries it) gets the thinking the router remembers for its first call (thinking-memory.ts).
 * - Empty text blocks are left out: Anthropic rejects them and they carry nothing.
 * - Tool call ids Anthropic's pattern refuses are rewritten consistently (anthropic-tool-use-id.ts).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export function convertToAnthropicMessages(messages: readonly Message[]): { system: AnthropicTextBlock[]; messages: AnthropicMessageParam[] } {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  const userTurn = (): Extract<Turn, { role: 'user' }> => {
    const last = turns.at(-1);
    if (last?.role === 'user') return last;
    const turn: Turn = { role: 'user', toolResults: [], other: [] };
    turns.push(turn);
    return turn;
  };

  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        for (const part of message.content) if (part.text !== '') system.push(withAnthropicExtras({ type: 'text', text: part.text }, part.providerMetadata));
        break;
      case 'user': {
        const blocks = convertUserContent(message, index);
        if (blocks.length > 0) userTurn().other.push(...blocks);
        break;
      }
      case 'tool': {
        const results = message.content.map((part, partIndex) => convertToolResult(part, `messages[${index}].content[${partIndex}]`));
        if (results.length > 0) userTurn().toolResults.push(...results);
        break;
      }
      case 'assistant': {
        const blocks = convertAssistantContent(message, index);
        if (blocks.length === 0) break;
        const last = turns.at(-1);
        if (last?.role === 'assistant') last.blocks.push(...blocks);
        else turns.push({ role: 'assistant', blocks });
        break;
      }
    }
  });

  return {
    system,
    messages: turns.map((turn) =>
      turn.role === 'user' ? { role: 'user', content: [...turn.toolResults, ...turn.other] } : { role: 'assistant', content: turn.blocks },
    ),
  };
}

function convertUserContent(message: UserMessage, index: number): AnthropicUserBlock[] {
  const blocks: AnthropicUserBlock[] = [];
  message.content.forEach((part, partIndex) => {
    if (part.type === 'text') {
      if (part.text !== '') blocks.push(withAnthropicExtras({ type: 'text', text: part.text }, part.providerMetadata));
    } else {
      blocks.push(convertFilePart(part, `messages[${index}].content[${partIndex}]`));
    }
  });
  return blocks;
}

function convertToolResult(part: ToolResultPart, param: string): AnthropicToolResultBlock {
  const content: NonNullable<AnthropicToolResultBlock['content']> = [];
  part.output.forEach((item, itemIndex) => {
    if (item.type === 'text') {
      if (item.text !== '') content.push(withAnthropicExtras({ type: 'text', text: item.text }, item.providerMetadata));
    } else {
      content.push(convertFilePart(item, `${param}.output[${itemIndex}]`));
    }
  });
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: anthropicToolUseId(part.toolCallId) };
  // A result with no content is valid for Anthropic ("the tool ran, nothing to report").
  if (content.length > 0) block.content = content;
  if (part.isError) block.is_error = true;
  return withAnthropicExtras(block, part.providerMetadata);
}

function convertAssistantContent(message: AssistantMessage, index: number): AnthropicAssistantBlock[] {
  const blocks: AnthropicAssistantBlock[] = [];
  message.content.forEach((part, partIndex) => {
    switch (part.type) {
      case 'text':
        if (part.text !== '') blocks.push(withAnthropicExtras({ type: 'text', text: part.text }, part.providerMetadata));
        break;
      case 'reasoning':
        if (part.redactedData !== undefined) blocks.push(withAnthropicExtras({ type: 'redacted_thinking', data: part.redactedData }, part.providerMetadata));
        else if (part.signature !== undefined) blocks.push(withAnthropicExtras({ type: 'thinking', thinking: part.text, signature: part.signature }, part.providerMetadata));
        break;
      case 'tool-call':
        // A client that cannot carry signed thinking sends the call alone: the thinking before it comes from memory.
        // Thinking opens the turn, as Anthropic wrote it.
        if (!blocks.some((block) => block.type === 'thinking' || block.type === 'redacted_thinking')) blocks.unshift(...(anthropicThinking.get(part.toolCallId) ?? []));
        blocks.push(
          withAnthropicExtras<AnthropicToolUseBlock>(
            { type: 'tool_use', id: anthropicToolUseId(part.toolCallId), name: part.toolName, input: parseToolInput(part.input, part.toolCallId, `messages[${index}].content[${partIndex}]`) },
            part.providerMetadata,
          ),
        );
        break;
    }
  });
  return blocks;
}

/**
 * Anthropic's `tool_use.input` must be a JSON object. Empty arguments (OpenAI models emit `""` for a
 * call without parameters) mean `{}`. Anything else that is not an object is refused with a 400
 * rather than replaced by `{}`: rewriting what the model called a tool with would silently change
 * the conversation the client keeps.
 */
function parseToolInput(input: string, toolCallId: string, param: string): AnthropicToolUseBlock['input'] {
  if (input.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    value = undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as AnthropicToolUseBlock['input'];
  throw invalidRequest(
    `The arguments of tool call '${toolCallId}' are not a JSON object; Anthropic accepts only an object as tool input.`,
    param,
  );
}
