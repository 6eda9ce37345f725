import { invalidRequest } from '../../errors/gateway-error.js';
import type {
  AssistantMessage,
  FilePart,
  Message,
  ReasoningPart,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserMessage,
} from '../../spec/index.js';
import { anthropicExtras, withMetadata } from './anthropic-extras.js';
import type {
  AnthropicMessage,
  DocumentBlock,
  ImageBlock,
  MessageContentBlock,
  TextBlock,
  ToolResultBlock,
  ToolResultContentBlock,
} from './anthropic-request-schema.js';
import type { Untranslatable } from './untranslatable.js';

/** What decoding one request accumulates across its messages. */
export interface DecodeScope {
  /** Tool names by call id, from the assistant turns seen so far: tool results do not repeat them. */
  toolNames: Map<string, string>;
  untranslatable: Untranslatable[];
}

/**
 * One Anthropic message as canonical messages. A user turn may hold tool results and other
 * content together: its results become one ToolMessage, placed where the turn is, and the rest a
 * UserMessage right after it. Anthropic requires results to come first in such a turn anyway, and
 * upstreams with tool messages need them straight after the call.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 */
export function decodeMessage(message: AnthropicMessage, path: string, scope: DecodeScope): Message[] {
  switch (message.role) {
    case 'system': {
      const system = decodeSystem(message.content, `${path}.content`, scope);
      return system ? [system] : [];
    }
    case 'assistant':
      return [decodeAssistant(message.content, `${path}.content`, scope)];
    case 'user':
      return decodeUser(message.content, `${path}.content`, scope);
  }
}

export function decodeSystem(content: string | MessageContentBlock[] | undefined, path: string, scope: DecodeScope): SystemMessage | undefined {
  if (content === undefined || content === '') return undefined;
  if (typeof content === 'string') return { role: 'system', content: [{ type: 'text', text: content }] };
  const parts: TextPart[] = [];
  content.forEach((block, index) => {
    const param = `${path}[${index}]`;
    if (block.type === 'text') parts.push(textPart(block));
    else if (block.type === 'unsupported') scope.untranslatable.push({ param, what: `a '${block.blockType}' system block` });
    else throw invalidRequest(`Invalid '${param}': a system prompt holds text blocks only, not '${block.type}'.`, param);
  });
  return parts.length > 0 ? { role: 'system', content: parts } : undefined;
}

function decodeUser(content: string | MessageContentBlock[], path: string, scope: DecodeScope): Message[] {
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  const results: ToolResultPart[] = [];
  const rest: UserMessage['content'] = [];
  content.forEach((block, index) => {
    const param = `${path}[${index}]`;
    switch (block.type) {
      case 'tool_result':
        results.push(toolResultPart(block, param, scope));
        return;
      case 'text':
      case 'image':
      case 'document':
      case 'unsupported': {
        const part = mediaPart(block, param, scope);
        if (part) rest.push(part);
        return;
      }
      default:
        throw invalidRequest(`Invalid '${param}': '${block.type}' blocks are only allowed in assistant messages.`, param);
    }
  });
  const messages: Message[] = [];
  if (results.length > 0) messages.push({ role: 'tool', content: results });
  if (rest.length > 0) messages.push({ role: 'user', content: rest });
  return messages;
}

function decodeAssistant(content: string | MessageContentBlock[], path: string, scope: DecodeScope): AssistantMessage {
  if (typeof content === 'string') return { role: 'assistant', content: [{ type: 'text', text: content }] };
  const parts: AssistantMessage['content'] = [];
  content.forEach((block, index) => {
    const param = `${path}[${index}]`;
    switch (block.type) {
      case 'text':
        parts.push(textPart(block));
        return;
      case 'thinking':
        parts.push(
          withMetadata<ReasoningPart>(
            // An empty signature is what we send for reasoning no upstream signed: read it as none.
            { type: 'reasoning', text: block.thinking, ...(block.signature ? { signature: block.signature } : {}) },
            anthropicExtras(block, ['type', 'thinking', 'signature']),
          ),
        );
        return;
      case 'redacted_thinking':
        parts.push(withMetadata<ReasoningPart>({ type: 'reasoning', text: '', redactedData: block.data }, anthropicExtras(block, ['type', 'data'])));
        return;
      case 'tool_use':
        scope.toolNames.set(block.id, block.name);
        parts.push(
          withMetadata<ToolCallPart>(
            // Stringified once, here; the id stays exactly as the client knows it.
            { type: 'tool-call', toolCallId: block.id, toolName: block.name, input: JSON.stringify(block.input) },
            anthropicExtras(block, ['type', 'id', 'name', 'input']),
          ),
        );
        return;
      case 'unsupported':
        scope.untranslatable.push({ param, what: `a '${block.blockType}' block` });
        return;
      default:
        throw invalidRequest(`Invalid '${param}': '${block.type}' blocks are only allowed in user messages.`, param);
    }
  });
  return { role: 'assistant', content: parts };
}

function toolResultPart(block: ToolResultBlock, path: string, scope: DecodeScope): ToolResultPart {
  const output: ToolResultPart['output'] = [];
  if (typeof block.content === 'string') {
    if (block.content !== '') output.push({ type: 'text', text: block.content });
  } else {
    block.content?.forEach((inner, index) => {
      const part = mediaPart(inner, `${path}.content[${index}]`, scope);
      if (part) output.push(part);
    });
  }
  return withMetadata<ToolResultPart>(
    { type: 'tool-result', toolCallId: block.tool_use_id, toolName: scope.toolNames.get(block.tool_use_id), output, isError: block.is_error ?? false },
    anthropicExtras(block, ['type', 'tool_use_id', 'content', 'is_error']),
  );
}

/** Text, images and documents, as user content or inside a tool result. */
function mediaPart(block: ToolResultContentBlock, param: string, scope: DecodeScope): TextPart | FilePart | undefined {
  switch (block.type) {
    case 'text':
      return textPart(block);
    case 'image':
      return imagePart(block, param, scope);
    case 'document':
      return documentPart(block, param, scope);
    case 'unsupported':
      scope.untranslatable.push({ param, what: `a '${block.blockType}' block` });
      return undefined;
  }
}

function textPart(block: TextBlock): TextPart {
  return withMetadata<TextPart>({ type: 'text', text: block.text }, anthropicExtras(block, ['type', 'text']));
}

function imagePart(block: ImageBlock, param: string, scope: DecodeScope): FilePart | undefined {
  const metadata = anthropicExtras(block, ['type', 'source']);
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return withMetadata<FilePart>({ type: 'file', mediaType: source.media_type, data: { kind: 'base64', base64: source.data } }, metadata);
    case 'url':
      return withMetadata<FilePart>({ type: 'file', mediaType: imageTypeOfUrl(source.url), data: { kind: 'url', url: source.url } }, metadata);
    case 'file':
      scope.untranslatable.push({ param, what: 'an image given by Files API id' });
      return undefined;
  }
}

/**
 * PDFs (inline or by URL) become files; a plain-text document becomes a `text/plain` file, so it
 * stays a document (with its title and context in the metadata) rather than prompt text.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 */
function documentPart(block: DocumentBlock, param: string, scope: DecodeScope): FilePart | undefined {
  const metadata = anthropicExtras(block, ['type', 'source']);
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return withMetadata<FilePart>({ type: 'file', mediaType: source.media_type, data: { kind: 'base64', base64: source.data } }, metadata);
    case 'url':
      // Anthropic's URL documents are PDFs by definition.
      return withMetadata<FilePart>({ type: 'file', mediaType: 'application/pdf', data: { kind: 'url', url: source.url } }, metadata);
    case 'text':
      return withMetadata<FilePart>(
        { type: 'file', mediaType: 'text/plain', data: { kind: 'base64', base64: Buffer.from(source.data, 'utf8').toString('base64') } },
        metadata,
      );
    case 'file':
      scope.untranslatable.push({ param, what: 'a document given by Files API id' });
      return undefined;
    case 'content':
      scope.untranslatable.push({ param, what: 'a document made of content blocks' });
      return undefined;
  }
}

const imageTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Anthropic does not say a URL image's type; its extension usually does, else any image type. */
function imageTypeOfUrl(url: string): string {
  const extension = /\.([a-z]+)(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase();
  return (extension && imageTypes[extension]) ?? 'image/*';
}
