import { invalidRequest } from '../errors/gateway-error.js';

/**
 * One part of a `multipart/form-data` body (RFC 7578), as offsets into the body it came from: the
 * router reads the few text fields it routes by and forwards the rest (the audio file) untouched.
 */
export interface FormPart {
  /** The field name of its `Content-Disposition`. */
  name: string;
  /** Present for a file part, even when empty. */
  filename: string | undefined;
  /** The part's own `Content-Type`, when it has one. */
  contentType: string | undefined;
  /** Where the part's content starts and ends in the body. */
  start: number;
  end: number;
}

export interface MultipartForm {
  body: Buffer;
  parts: FormPart[];
}

const maxParts = 1000;
const crlf = Buffer.from('\r\n');
const headerEnd = Buffer.from('\r\n\r\n');

/**
 * Splits a whole `multipart/form-data` body into its parts. Anything that is not a well-formed form
 * (another media type, no boundary, a body cut before its closing boundary, a part without a
 * `form-data` disposition and name) is the client's mistake, refused with a 400 that says which.
 */
export function parseMultipartForm(body: Buffer, contentType: string | undefined): MultipartForm {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw malformed(`the body never starts a part with its boundary "${boundary}"`);
  position += delimiter.length;
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return { body, parts };
    // Transport padding (spaces or tabs) may follow a delimiter before its line break.
    while (body[position] === 0x20 || body[position] === 0x09) position += 1;
    if (body.indexOf(crlf, position) !== position) throw malformed('a boundary line is not followed by a line break');
    position += crlf.length;
    let head = '';
    let start: number;
    if (body.indexOf(crlf, position) === position) start = position + crlf.length;
    else {
      const endOfHead = body.indexOf(headerEnd, position);
      if (endOfHead === -1) throw malformed('a part has no blank line after its headers');
      head = body.toString('latin1', position, endOfHead);
      start = endOfHead + headerEnd.length;
    }
    const end = body.indexOf(nextDelimiter, start);
    if (end === -1) throw malformed('the body ends before its closing boundary; was it cut short?');
    if (parts.length === maxParts) throw malformed(`it has more than ${maxParts} parts`);
    parts.push({ ...describePart(head), start, end });
    position = end + nextDelimiter.length;
  }
}

/** A text field's value (UTF-8), or undefined when the form has no such field. */
export function formField(form: MultipartForm, name: string): string | undefined {
  const part = form.parts.find((candidate) => candidate.name === name);
  return part === undefined ? undefined : form.body.toString('utf8', part.start, part.end);
}

/** The form with one part's content replaced; every other byte, the boundary included, stays as it was. */
export function replaceFormValue(form: MultipartForm, part: FormPart, value: string): Buffer {
  return Buffer.concat([form.body.subarray(0, part.start), Buffer.from(value, 'utf8'), form.body.subarray(part.end)]);
}

function boundaryOf(contentType: string | undefined): string {
  const [mediaType, ...parameters] = (contentType ?? '').split(';');
  if (mediaType?.trim().toLowerCase() !== 'multipart/form-data') {
    throw invalidRequest(`This endpoint takes a multipart/form-data body (the audio file and its fields), not ${contentType ? `'${mediaType?.trim()}'` : 'a body without a Content-Type'}.`);
  }
  const boundary = parameterValue(parameters.join(';'), 'boundary');
  // RFC 2046: 1 to 70 characters.
  if (boundary === undefined || boundary.length === 0 || boundary.length > 70) throw malformed('its Content-Type names no boundary (or one longer than 70 characters)');
  return boundary;
}

function describePart(head: string): Pick<FormPart, 'name' | 'filename' | 'contentType'> {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') disposition = value;
    else if (header === 'content-type') contentType = value;
  }
  const [kind, ...parameters] = (disposition ?? '').split(';');
  const name = parameterValue(parameters.join(';'), 'name');
  if (kind?.trim().toLowerCase() !== 'form-data' || name === undefined) throw malformed('a part has no "Content-Disposition: form-data; name=..." header');
  // Header bytes were read as latin1; names and file names are UTF-8 in practice (RFC 7578 4.2).
  const utf8 = (text: string): string => Buffer.from(text, 'latin1').toString('utf8');
  const filename = parameterValue(parameters.join(';'), 'filename');
  return { name: utf8(name), filename: filename === undefined ? undefined : utf8(filename), contentType };
}

/** A parameter of a header value (`; name="value"` or `; name=token`), with quoted-pair escapes undone. */
function parameterValue(parameters: string, wanted: string): string | undefined {
  const pattern = /;?\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/gy;
  const text = parameters.startsWith(';') ? parameters : `;${parameters}`;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[1]?.toLowerCase() !== wanted) continue;
    return match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]?.trim();
  }
  return undefined;
}

function malformed(detail: string) {
  return invalidRequest(`The multipart/form-data body is malformed: ${detail}.`);
}
