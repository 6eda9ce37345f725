import { invalidRequest } from '../../errors/gateway-error.js';
import type { FilePart } from '../../spec/index.js';
import { withAnthropicExtras } from './anthropic-provider-metadata.js';
import type { AnthropicDocumentBlock, AnthropicImageBlock, AnthropicSource } from './anthropic-request-body.js';

/**
 * A file to an `image` or `document` block. Anthropic takes images (base64 or URL), PDFs (base64
 * or URL) and plain text (inline); any other type is refused with a 400 naming the part, since
 * dropping it would let the model answer without it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 */
export function convertFilePart(part: FilePart, param: string): AnthropicImageBlock | AnthropicDocumentBlock {
  const data = inlineDataUrl(part.data);
  const mediaType = (data.mediaType ?? part.mediaType).toLowerCase();
  if (mediaType.startsWith('image/')) {
    const source: AnthropicSource = data.kind === 'base64' ? { type: 'base64', media_type: mediaType, data: data.base64 } : { type: 'url', url: data.url };
    return withAnthropicExtras<AnthropicImageBlock>({ type: 'image', source }, part.providerMetadata);
  }
  let source: AnthropicSource | undefined;
  if (mediaType === 'application/pdf') {
    source = data.kind === 'base64' ? { type: 'base64', media_type: 'application/pdf', data: data.base64 } : { type: 'url', url: data.url };
  } else if (mediaType === 'text/plain' && data.kind === 'base64') {
    source = { type: 'text', media_type: 'text/plain', data: Buffer.from(data.base64, 'base64').toString('utf8') };
  }
  if (source === undefined) {
    throw invalidRequest(`Anthropic does not accept ${data.kind === 'url' ? 'a URL to ' : ''}a file of type '${part.mediaType}'.`, param);
  }
  const block: AnthropicDocumentBlock = { type: 'document', source };
  if (part.filename !== undefined && part.filename !== '') block.title = part.filename;
  return withAnthropicExtras(block, part.providerMetadata);
}

type Data = ({ kind: 'base64'; base64: string } | { kind: 'url'; url: string }) & { mediaType?: string };

/** A `data:` URL is inline data in disguise; Anthropic's URL sources only fetch http(s). */
function inlineDataUrl(data: FilePart['data']): Data {
  if (data.kind !== 'url' || !data.url.startsWith('data:')) return data;
  const match = /^data:([^;,]+)?((?:;[^;,]*)*?);base64,(.*)$/s.exec(data.url);
  if (match === null) return data;
  return { kind: 'base64', base64: match[3] ?? '', ...(match[1] ? { mediaType: match[1] } : {}) };
}
