/**
 * Wire logic of the OpenAI simulator's Videos API (Sora): a job store that answers create, retrieve,
 * list, delete, remix and content downloads in the documented shapes. Create takes a multipart form
 * (what the official SDK always sends, parsed here with the web platform's FormData parser) or JSON;
 * remix takes JSON.
 *
 * Generation is deterministic and needs no timers: a job starts `queued`, and each retrieve of it
 * moves it one step, to `in_progress` and then `completed` (or `failed` for a prompt containing
 * `[fail]`). A test polls exactly as a client of the real API does and knows how many polls it takes.
 *
 * Nothing here changes state until the server calls an answer's `run`, so a fault queued for the
 * request replaces the answer without creating, advancing or deleting anything.
 *
 * @see https://platform.openai.com/docs/api-reference/videos
 * @see https://platform.openai.com/docs/guides/video-generation
 */
import { createHash } from 'node:crypto';
import { missingParameterEnvelope, modelNotFoundEnvelope, unparsableBodyEnvelope, type OpenAiErrorEnvelope } from './openai-simulator-errors.js';

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';
export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

/** The Video object as OpenAI sends it. */
export interface SimulatedVideoObject {
  id: string;
  object: 'video';
  model: string;
  status: VideoStatus;
  progress: number;
  created_at: number;
  completed_at: number | null;
  expires_at: number | null;
  prompt: string | null;
  seconds: string;
  size: string;
  remixed_from_video_id: string | null;
  error: { code: string; message: string } | null;
}

/** The `input_reference` file of a create form, as the simulator received it. */
export interface ReceivedVideoFile {
  filename: string;
  fileType: string;
  bytes: Buffer;
}

/**
 * A create or remix form as the simulator received it, kept in `RecordedRequest.body`: the text
 * fields (a reference given by URL or file id arrives as `input_reference[image_url]` or
 * `input_reference[file_id]`) and the uploaded `input_reference` file, if any.
 */
export interface ReceivedVideoForm {
  fields: Record<string, string>;
  inputReference?: ReceivedVideoFile;
}

/** A request body as read off the wire, before any validation. */
export type VideoRequestBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; form: ReceivedVideoForm }
  | { kind: 'unparsable'; raw: string; envelope: OpenAiErrorEnvelope };

/**
 * What a videos request is answered with. `json` answers change the store only when `run` is
 * called, which the server does once no fault took the request over.
 */
export type VideoAnswer =
  | { kind: 'error'; status: number; body: OpenAiErrorEnvelope }
  | { kind: 'json'; run: () => unknown }
  | { kind: 'content'; contentType: string; chunks: Buffer[] };

/** Allowed values, in the order OpenAI lists them in its errors. */
const SECONDS: readonly string[] = ['4', '8', '12'];
const SIZES: readonly string[] = ['720x1280', '1280x720', '1024x1792', '1792x1024'];
const ORDERS: readonly string[] = ['asc', 'desc'];
const VARIANTS: readonly VideoVariant[] = ['video', 'thumbnail', 'spritesheet'];
const DEFAULT_MODEL = 'sora-2';

/** Progress each status reports; a failed job keeps the progress it had when it failed. */
const IN_PROGRESS_PERCENT = 50;
/** How long OpenAI keeps the downloadable assets: about an hour. */
const ASSET_LIFETIME_SECONDS = 3600;
/** A prompt containing this marker ends `failed` instead of `completed`. */
export const FAIL_MARKER = '[fail]';

const CONTENT_TYPES: Record<VideoVariant, string> = { video: 'video/mp4', thumbnail: 'image/webp', spritesheet: 'image/jpeg' };

function invalidRequest(message: string, param: string | null = null, code: string | null = null): OpenAiErrorEnvelope {
  return { error: { message, type: 'invalid_request_error', param, code } };
}

const error = (status: number, body: OpenAiErrorEnvelope): VideoAnswer => ({ kind: 'error', status, body });

/** 'a', 'b', and 'c' (or 'a', 'b', or 'c'): how OpenAI lists allowed values. */
function quotedList(values: readonly string[], conjunction: 'and' | 'or'): string {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length < 3 ? quoted.join(` ${conjunction} `) : `${quoted.slice(0, -1).join(', ')}, ${conjunction} ${quoted.at(-1)!}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** An enum parameter: absent takes the default, a non-string is a type error, an unknown string a value error. */
function enumParam(name: string, value: unknown, allowed: readonly string[], fallback: string): string | OpenAiErrorEnvelope {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') return invalidRequest(`Invalid type for '${name}': expected one of ${quotedList(allowed, 'or')}, but got ${typeName(value)} instead.`, name, 'invalid_type');
  if (!allowed.includes(value)) return invalidRequest(`Invalid value: '${value}'. Supported values are: ${quotedList(allowed, 'and')}.`, name, 'invalid_value');
  return value;
}

/** Tells a checked parameter (always a string) from the envelope refusing it. */
const isEnvelope = (value: string | OpenAiErrorEnvelope): value is OpenAiErrorEnvelope => typeof value !== 'string';

/** Reads a body the way a server built on the web platform does: a multipart form, JSON, or nothing. */
export async function readVideoBody(raw: Buffer, contentType: string | undefined): Promise<VideoRequestBody> {
  if (raw.length === 0) return { kind: 'empty' };
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return { kind: 'unparsable', raw: raw.toString('utf8'), envelope: invalidRequest('Could not parse multipart form') };
    }
    const received: ReceivedVideoForm = { fields: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') received.fields[name] = value;
      else if (name === 'input_reference') received.inputReference = { filename: value.name, fileType: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    return { kind: 'form', form: received };
  }
  const text = raw.toString('utf8');
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unparsable', raw: text, envelope: unparsableBodyEnvelope() };
  }
}

/** What `RecordedRequest.body` keeps of a videos request: the form, the parsed JSON, or the raw text. */
export function recordedVideoBody(body: VideoRequestBody): unknown {
  switch (body.kind) {
    case 'empty':
      return undefined;
    case 'json':
      return body.value;
    case 'form':
      return body.form;
    case 'unparsable':
      return body.raw;
  }
}

/**
 * The body's parameters as one object, whichever encoding carried them. A form's file becomes
 * `input_reference`; bracketed fields (how the SDK encodes a reference object) are folded back.
 */
function bodyParams(body: VideoRequestBody): { params: Record<string, unknown> } | { refused: OpenAiErrorEnvelope } {
  switch (body.kind) {
    case 'empty':
      return { params: {} };
    case 'unparsable':
      return { refused: body.envelope };
    case 'json':
      if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return { refused: unparsableBodyEnvelope() };
      return { params: body.value as Record<string, unknown> };
    case 'form': {
      const params: Record<string, unknown> = {};
      const reference: Record<string, string> = {};
      for (const [name, value] of Object.entries(body.form.fields)) {
        const nested = /^input_reference\[(\w+)\]$/.exec(name);
        if (nested) reference[nested[1]!] = value;
        else params[name] = value;
      }
      if (body.form.inputReference) params.input_reference = body.form.inputReference;
      else if (Object.keys(reference).length > 0) params.input_reference = reference;
      return { params };
    }
  }
}

/** `input_reference`: an uploaded file, or an object naming an image by URL or a file by id. */
function checkReference(value: unknown, encoding: VideoRequestBody['kind']): OpenAiErrorEnvelope | undefined {
  if (value === undefined) return undefined;
  // The form parser only ever puts a File-derived record or a bracketed object here; a bare text field is a string.
  if (typeof value === 'string') return invalidRequest(`Invalid type for 'input_reference': expected ${encoding === 'form' ? 'a file' : 'an object'}, but got a string instead.`, 'input_reference', 'invalid_type');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalidRequest(`Invalid type for 'input_reference': expected an object, but got ${typeName(value)} instead.`, 'input_reference', 'invalid_type');
  if ('bytes' in value) return undefined;
  const { image_url: imageUrl, file_id: fileId } = value as { image_url?: unknown; file_id?: unknown };
  if (typeof imageUrl !== 'string' && typeof fileId !== 'string') return invalidRequest("Invalid 'input_reference': provide an 'image_url' or a 'file_id'.", 'input_reference', 'invalid_value');
  return undefined;
}

/** Bytes that every download of this asset of this video is, chunk after chunk; deterministic per id and variant. */
export function simulatedVideo(id: string, variant: VideoVariant = 'video'): Buffer[] {
  // Four chunks of 4 KB of video, so a relay that buffered the download would be seen to; previews come whole.
  const sizes = variant === 'video' ? [4096, 4096, 4096, 4096] : [variant === 'thumbnail' ? 2048 : 6144];
  let seed = createHash('sha256').update(`${variant}:${id}`).digest();
  const chunks = sizes.map((size) => {
    const chunk = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += seed.length) {
      seed.copy(chunk, offset);
      seed = createHash('sha256').update(seed).digest();
    }
    return chunk;
  });
  // Each asset opens with its format's signature, so anything sniffing the type sees what the header says.
  const first = chunks[0]!;
  if (variant === 'video') Buffer.from('\0\0\0\x18ftypmp42\0\0\0\0mp42isom', 'latin1').copy(first);
  else if (variant === 'thumbnail') Buffer.concat([Buffer.from('RIFF', 'latin1'), uint32le(first.length - 8), Buffer.from('WEBPVP8 ', 'latin1')]).copy(first);
  else {
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(first);
    Buffer.from([0xff, 0xd9]).copy(first, first.length - 2);
  }
  return chunks;
}

function uint32le(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

interface StoredVideo {
  video: SimulatedVideoObject;
  /** The prompt asked for a failure; the job fails where it would have completed. */
  failing: boolean;
}

/**
 * The simulator's video jobs, oldest first (the Map keeps insertion order, which is what `order`
 * sorts by: creation times share a second too often to sort by `created_at`).
 */
export class SimulatedVideos {
  private readonly videos = new Map<string, StoredVideo>();
  private sequence = 0;

  /** `idPrefix` keeps ids unique across simulators; `models` are the only models a job may name. */
  constructor(
    private readonly idPrefix: string,
    private readonly models: ReadonlySet<string>,
  ) {}

  /** Forget every job. */
  reset(): void {
    this.videos.clear();
  }

  /** Answers one authorised request under `/v1/videos`; `url` may carry a query. */
  answer(method: string, url: string, body: VideoRequestBody): VideoAnswer {
    const parsed = new URL(url, 'http://simulator.invalid');
    const parts = parsed.pathname.split('/').slice(3).map(decodePart);
    const [id, action, ...rest] = parts;
    if (parts.length === 0 || (parts.length === 1 && id === '')) {
      if (method === 'POST') return this.create(body);
      if (method === 'GET') return this.list(parsed.searchParams);
    } else if (id !== undefined && id !== '' && rest.length === 0) {
      if (action === undefined && method === 'GET') return this.retrieve(id);
      if (action === undefined && method === 'DELETE') return this.delete(id);
      if (action === 'content' && method === 'GET') return this.content(id, parsed.searchParams);
      if (action === 'remix' && method === 'POST') return this.remix(id, body);
    }
    return error(404, invalidRequest(`Invalid URL (${method} ${parsed.pathname})`));
  }

  private create(body: VideoRequestBody): VideoAnswer {
    const read = bodyParams(body);
    if ('refused' in read) return error(400, read.refused);
    const { params } = read;
    const { prompt, model = DEFAULT_MODEL } = params;
    if (typeof prompt !== 'string' || prompt === '') return error(400, missingParameterEnvelope('prompt'));
    if (typeof model !== 'string') return error(400, invalidRequest(`Invalid type for 'model': expected a string, but got ${typeName(model)} instead.`, 'model', 'invalid_type'));
    const seconds = enumParam('seconds', params.seconds, SECONDS, '4');
    if (isEnvelope(seconds)) return error(400, seconds);
    const size = enumParam('size', params.size, SIZES, '720x1280');
    if (isEnvelope(size)) return error(400, size);
    const referenceError = checkReference(params.input_reference, body.kind);
    if (referenceError) return error(400, referenceError);
    if (!this.models.has(model)) return error(404, modelNotFoundEnvelope(model));
    return { kind: 'json', run: () => this.add({ model, prompt, seconds, size, remixedFrom: null }) };
  }

  private remix(id: string, body: VideoRequestBody): VideoAnswer {
    const read = bodyParams(body);
    if ('refused' in read) return error(400, read.refused);
    const { prompt } = read.params;
    if (typeof prompt !== 'string' || prompt === '') return error(400, missingParameterEnvelope('prompt'));
    const source = this.videos.get(id);
    if (!source) return error(404, videoNotFound(id));
    if (source.video.status !== 'completed') return error(400, invalidRequest(`Video '${id}' is ${source.video.status}; only a completed video can be remixed.`));
    const { model, seconds, size } = source.video;
    return { kind: 'json', run: () => this.add({ model, prompt, seconds, size, remixedFrom: id }) };
  }

  /** Each retrieve is one polling step: queued, then in progress, then completed or failed. */
  private retrieve(id: string): VideoAnswer {
    const stored = this.videos.get(id);
    if (!stored) return error(404, videoNotFound(id));
    return {
      kind: 'json',
      run: () => {
        advance(stored);
        return stored.video;
      },
    };
  }

  private delete(id: string): VideoAnswer {
    if (!this.videos.has(id)) return error(404, videoNotFound(id));
    return {
      kind: 'json',
      run: () => {
        this.videos.delete(id);
        return { id, object: 'video.deleted', deleted: true };
      },
    };
  }

  private content(id: string, query: URLSearchParams): VideoAnswer {
    const variant = enumParam('variant', query.get('variant') ?? undefined, VARIANTS, 'video');
    if (isEnvelope(variant)) return error(400, variant);
    const stored = this.videos.get(id);
    if (!stored) return error(404, videoNotFound(id));
    // OpenAI answers 404 (not 409) while a job is still running; a failed job never has content either.
    if (stored.video.status !== 'completed') return error(404, invalidRequest(`Video is not ready yet: '${id}' is ${stored.video.status}.`));
    const kind = variant as VideoVariant;
    return { kind: 'content', contentType: CONTENT_TYPES[kind], chunks: simulatedVideo(id, kind) };
  }

  private list(query: URLSearchParams): VideoAnswer {
    const limitText = query.get('limit');
    const limit = limitText === null ? 20 : Number(limitText);
    if (!Number.isInteger(limit)) return error(400, invalidRequest(`Invalid 'limit': expected an integer, but got '${limitText}' instead.`, 'limit', 'invalid_type'));
    if (limit < 1) return error(400, invalidRequest(`Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`, 'limit', 'integer_below_min_value'));
    if (limit > 100) return error(400, invalidRequest(`Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`, 'limit', 'integer_above_max_value'));
    const order = enumParam('order', query.get('order') ?? undefined, ORDERS, 'desc');
    if (isEnvelope(order)) return error(400, order);
    const after = query.get('after');
    return {
      kind: 'json',
      run: () => {
        const all = [...this.videos.values()].map((stored) => stored.video);
        if (order === 'desc') all.reverse();
        const cursor = after === null ? -1 : all.findIndex((video) => video.id === after);
        // A cursor naming no job (deleted since, or never one) is the end of the list.
        const start = after === null ? 0 : cursor === -1 ? all.length : cursor + 1;
        const data = all.slice(start, start + limit);
        return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length };
      },
    };
  }

  private add(spec: { model: string; prompt: string; seconds: string; size: string; remixedFrom: string | null }): SimulatedVideoObject {
    this.sequence += 1;
    const id = `video_${this.idPrefix}${this.sequence.toString(16).padStart(8, '0')}`;
    const video: SimulatedVideoObject = {
      id,
      object: 'video',
      model: spec.model,
      status: 'queued',
      progress: 0,
      created_at: Math.floor(Date.now() / 1000),
      completed_at: null,
      expires_at: null,
      prompt: spec.prompt,
      seconds: spec.seconds,
      size: spec.size,
      remixed_from_video_id: spec.remixedFrom,
      error: null,
    };
    this.videos.set(id, { video, failing: spec.prompt.includes(FAIL_MARKER) });
    return video;
  }
}

/** One polling step; finished jobs stay as they are. */
function advance(stored: StoredVideo): void {
  const { video } = stored;
  if (video.status === 'queued') {
    video.status = 'in_progress';
    video.progress = IN_PROGRESS_PERCENT;
  } else if (video.status === 'in_progress' && stored.failing) {
    video.status = 'failed';
    video.error = { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' };
  } else if (video.status === 'in_progress') {
    video.status = 'completed';
    video.progress = 100;
    video.completed_at = Math.floor(Date.now() / 1000);
    video.expires_at = video.created_at + ASSET_LIFETIME_SECONDS;
  }
}

/** A path segment as the client meant it; a malformed escape is kept as sent (and so names no job). */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** 404 for an id the simulator has no job for (never created, or deleted). */
function videoNotFound(id: string): OpenAiErrorEnvelope {
  return invalidRequest(`Video with id '${id}' not found.`);
}
