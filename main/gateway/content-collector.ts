import type { GenerateResult, StreamPart } from '../spec/index.js';

/**
 * Rebuilds an answer's content from its stream parts, for features that keep what was answered
 * (the Responses store): text and reasoning by block, tool calls whole.
 */
export class ContentCollector {
  private readonly content: GenerateResult['content'] = [];
  private readonly open = new Map<string, { type: 'text' | 'reasoning'; text: string }>();

  push(part: StreamPart): void {
    switch (part.type) {
      case 'text-start':
      case 'reasoning-start':
        this.open.set(part.id, { type: part.type === 'text-start' ? 'text' : 'reasoning', text: '' });
        break;
      case 'text-delta':
      case 'reasoning-delta': {
        const block = this.open.get(part.id);
        if (block) block.text += part.delta;
        break;
      }
      case 'text-end': {
        const block = this.open.get(part.id);
        if (block) this.content.push({ type: 'text', text: block.text });
        this.open.delete(part.id);
        break;
      }
      case 'reasoning-end': {
        const block = this.open.get(part.id);
        if (block) {
          this.content.push({
            type: 'reasoning',
            text: block.text,
            ...(part.signature === undefined ? {} : { signature: part.signature }),
            ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData }),
            ...(part.providerMetadata === undefined ? {} : { providerMetadata: part.providerMetadata }),
          });
        }
        this.open.delete(part.id);
        break;
      }
      case 'tool-call':
        this.content.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, ...(part.providerMetadata === undefined ? {} : { providerMetadata: part.providerMetadata }) });
        break;
      default:
        break;
    }
  }

  result(): GenerateResult['content'] {
    return this.content;
  }
}
