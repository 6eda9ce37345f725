import { invalidRequest } from '../../errors/gateway-error.js';
import type { FilePart, TextPart } from '../../spec/index.js';
import type { ToolContentPart, UserContentPart } from './request-schema.js';

/**
 * Content of user and tool messages. Images keep their `detail` in
 * `providerMetadata.openai.imageDetail` so an OpenAI-family upstream gets it back.
 * @see https://platform.openai.com/docs/guides/images-vision
 */
export function decodeContent(content: string | UserContentPart[] | ToolContentPart[], param: string): (TextPart | FilePart)[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => decodePart(part, `${param}[${index}]`));
}

function decodePart(part: UserContentPart, param: string): TextPart | FilePart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url': {
      const image = typeof part.image_url === 'string' ? { url: part.image_url, detail: undefined } : part.image_url;
      return decodeImage(image.url, image.detail ?? undefined, `${param}.image_url.url`);
    }
    case 'input_audio':
      return { type: 'file', mediaType: audioMediaType(part.input_audio.format, `${param}.input_audio.format`), data: { kind: 'base64', base64: part.input_audio.data } };
    case 'file':
      return decodeFile(part.file, param);
  }
}

function decodeImage(url: string, detail: string | undefined, param: string): FilePart {
  const metadata = detail === undefined ? {} : { providerMetadata: { openai: { imageDetail: detail } } };
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    if (!parsed) throw invalidRequest(`Invalid '${param}': a data URL must look like data:<media type>;base64,<data>.`, param);
    return { type: 'file', mediaType: parsed.mediaType, data: { kind: 'base64', base64: parsed.base64 }, ...metadata };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'file', mediaType: imageTypeOfUrl(url), data: { kind: 'url', url }, ...metadata };
  throw invalidRequest(`Invalid '${param}': expected an http(s) URL or a base64 data URL.`, param);
}

/** OpenAI's `input_audio` takes exactly these two formats. */
function audioMediaType(format: string, param: string): string {
  if (format === 'wav') return 'audio/wav';
  if (format === 'mp3') return 'audio/mpeg';
  throw invalidRequest(`Invalid '${param}': expected 'wav' or 'mp3'.`, param);
}

function decodeFile(file: { file_data?: string | null | undefined; file_id?: string | null | undefined; filename?: string | null | undefined }, param: string): FilePart {
  const filename = file.filename ?? undefined;
  const named = filename === undefined ? {} : { filename };
  if (typeof file.file_data === 'string') {
    const parsed = file.file_data.startsWith('data:') ? parseDataUrl(file.file_data) : undefined;
    if (parsed) return { type: 'file', mediaType: parsed.mediaType, data: { kind: 'base64', base64: parsed.base64 }, ...named };
    // Bare base64 says nothing of its type; a `.pdf` name is the one hint OpenAI's own examples give.
    if (!file.file_data.startsWith('data:') && filename?.toLowerCase().endsWith('.pdf')) {
      return { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: file.file_data }, ...named };
    }
    throw invalidRequest(`Invalid '${param}.file.file_data': expected a data URL (data:<media type>;base64,<data>).`, `${param}.file.file_data`);
  }
  if (typeof file.file_id === 'string') {
    throw invalidRequest(
      `Invalid '${param}.file.file_id': a file uploaded to OpenAI cannot be sent to this model's provider; send the file inline as 'file_data'.`,
      `${param}.file.file_id`,
    );
  }
  throw invalidRequest(`Invalid '${param}.file': expected 'file_data'.`, `${param}.file`);
}

/** Splits `data:<media type>[;params];base64,<data>` without a regex over a many-megabyte string. */
export function parseDataUrl(url: string): { mediaType: string; base64: string } | undefined {
  const comma = url.indexOf(',');
  if (comma === -1) return undefined;
  const header = url.slice('data:'.length, comma).split(';');
  const mediaType = header[0]?.trim().toLowerCase() ?? '';
  if (!mediaType.includes('/') || header.at(-1)?.trim().toLowerCase() !== 'base64') return undefined;
  return { mediaType, base64: url.slice(comma + 1) };
}

const imageExtensions: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** The type an image URL's extension names; otherwise the media range `image/*` (the upstream fetches it). */
function imageTypeOfUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return imageExtensions[extension] ?? 'image/*';
}
