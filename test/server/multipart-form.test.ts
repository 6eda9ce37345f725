import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../main/errors/gateway-error.js';
import { formField, parseMultipartForm, replaceFormValue } from '../../main/server/multipart-form.js';

const crlf = '\r\n';

/** A form as a client writes it: each part a disposition line, optional extra headers, its content. */
function form(boundary: string, parts: { head: string[]; content: string | Buffer }[], options: { preamble?: string; epilogue?: string } = {}): Buffer {
  const pieces: Buffer[] = [Buffer.from(options.preamble ?? '')];
  for (const part of parts) pieces.push(Buffer.from(`--${boundary}${crlf}${part.head.join(crlf)}${crlf}${crlf}`), Buffer.from(part.content), Buffer.from(crlf));
  pieces.push(Buffer.from(`--${boundary}--${crlf}${options.epilogue ?? ''}`));
  return Buffer.concat(pieces);
}

const refusal = (pattern: RegExp) => (error: unknown) => error instanceof GatewayError && error.status === 400 && pattern.test(error.message);

describe('multipart/form-data parsing', () => {
  const audio = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10, 13, 10, 1]);

  it('finds fields and files, with file names, types and exact bytes', () => {
    const body = form('b0undary', [
      { head: ['Content-Disposition: form-data; name="model"'], content: 'openai/whisper-1' },
      { head: ['Content-Disposition: form-data; name="file"; filename="take 1.mp3"', 'Content-Type: audio/mpeg'], content: audio },
      { head: ['content-disposition: form-data; name=language'], content: 'en' },
    ]);
    const parsed = parseMultipartForm(body, 'multipart/form-data; boundary=b0undary');
    assert.deepEqual(
      parsed.parts.map(({ name, filename, contentType }) => ({ name, filename, contentType })),
      [
        { name: 'model', filename: undefined, contentType: undefined },
        { name: 'file', filename: 'take 1.mp3', contentType: 'audio/mpeg' },
        { name: 'language', filename: undefined, contentType: undefined },
      ],
    );
    const file = parsed.parts[1]!;
    assert.ok(body.subarray(file.start, file.end).equals(audio), 'line breaks and dashes inside the file are content');
    assert.equal(formField(parsed, 'model'), 'openai/whisper-1');
    assert.equal(formField(parsed, 'language'), 'en');
    assert.equal(formField(parsed, 'prompt'), undefined);
  });

  it('replaces one value and leaves every other byte as it was', () => {
    const body = form('xyz', [
      { head: ['Content-Disposition: form-data; name="file"; filename="a.wav"'], content: audio },
      { head: ['Content-Disposition: form-data; name="model"'], content: 'groq/whisper-large-v3' },
    ]);
    const parsed = parseMultipartForm(body, 'multipart/form-data; boundary=xyz');
    const replaced = replaceFormValue(parsed, parsed.parts[1]!, 'whisper-large-v3');
    assert.ok(replaced.equals(Buffer.from(body.toString('latin1').replace('groq/whisper-large-v3', 'whisper-large-v3'), 'latin1')));
    const again = parseMultipartForm(replaced, 'multipart/form-data; boundary=xyz');
    assert.equal(formField(again, 'model'), 'whisper-large-v3');
    assert.ok(replaced.subarray(again.parts[0]!.start, again.parts[0]!.end).equals(audio));
  });

  it('takes a quoted boundary, a preamble, an epilogue, transport padding, escaped and UTF-8 file names, and empty values', () => {
    const body = Buffer.concat([
      Buffer.from(`This is the preamble.${crlf}--odd:boundary  ${crlf}`),
      Buffer.from(`Content-Disposition: form-data; name="file"; filename="say \\"hi\\" – ü.m4a"${crlf}${crlf}`),
      audio,
      Buffer.from(`${crlf}--odd:boundary${crlf}Content-Disposition: form-data; name="prompt"${crlf}${crlf}${crlf}--odd:boundary--${crlf}epilogue`),
    ]);
    const parsed = parseMultipartForm(body, 'Multipart/Form-Data; charset=utf-8; boundary="odd:boundary"');
    assert.equal(parsed.parts[0]?.filename, 'say "hi" – ü.m4a');
    assert.ok(body.subarray(parsed.parts[0]!.start, parsed.parts[0]!.end).equals(audio));
    assert.equal(formField(parsed, 'prompt'), '');
  });

  it('refuses what is not a well-formed form, saying what is wrong', () => {
    const good = form('b', [{ head: ['Content-Disposition: form-data; name="model"'], content: 'm' }]);
    assert.throws(() => parseMultipartForm(good, 'application/json'), refusal(/takes a multipart\/form-data body .*not 'application\/json'/));
    assert.throws(() => parseMultipartForm(good, undefined), refusal(/without a Content-Type/));
    assert.throws(() => parseMultipartForm(good, 'multipart/form-data'), refusal(/names no boundary/));
    assert.throws(() => parseMultipartForm(good, `multipart/form-data; boundary=${'b'.repeat(71)}`), refusal(/longer than 70/));
    assert.throws(() => parseMultipartForm(good, 'multipart/form-data; boundary=other'), refusal(/never starts a part/));
    assert.throws(() => parseMultipartForm(good.subarray(0, good.length - 6), 'multipart/form-data; boundary=b'), refusal(/ends before its closing boundary/));
    const noBlankLine = Buffer.from(`--b${crlf}Content-Disposition: form-data; name="model"${crlf}--b--`);
    assert.throws(() => parseMultipartForm(noBlankLine, 'multipart/form-data; boundary=b'), refusal(/no blank line after its headers/));
    const noName = form('b', [{ head: ['Content-Disposition: form-data'], content: 'm' }]);
    assert.throws(() => parseMultipartForm(noName, 'multipart/form-data; boundary=b'), refusal(/no "Content-Disposition: form-data; name=/));
    const noHeaders = Buffer.from(`--b${crlf}${crlf}value${crlf}--b--`);
    assert.throws(() => parseMultipartForm(noHeaders, 'multipart/form-data; boundary=b'), refusal(/no "Content-Disposition/));
    const glued = Buffer.from(`--bxContent-Disposition: form-data; name="m"${crlf}${crlf}v${crlf}--b--`);
    assert.throws(() => parseMultipartForm(glued, 'multipart/form-data; boundary=b'), refusal(/not followed by a line break/));
  });

  it('refuses a form of more than 1000 parts', () => {
    const part = { head: ['Content-Disposition: form-data; name="x"'], content: '1' };
    assert.equal(parseMultipartForm(form('b', Array.from({ length: 1000 }, () => part)), 'multipart/form-data; boundary=b').parts.length, 1000);
    assert.throws(() => parseMultipartForm(form('b', Array.from({ length: 1001 }, () => part)), 'multipart/form-data; boundary=b'), refusal(/more than 1000 parts/));
  });
});
