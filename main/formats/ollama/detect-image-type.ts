/**
 * Ollama sends images as bare base64, with no media type; other formats need one. The type is read
 * from the file's magic bytes (the first 16 base64 characters decode to 12 bytes, enough for all).
 * @see https://en.wikipedia.org/wiki/List_of_file_signatures
 */
export function detectImageType(base64: string): string | undefined {
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  const starts = (...bytes: number[]): boolean => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** Strips a `data:` prefix some clients add although Ollama's API does not. */
export function bareBase64(image: string): string {
  if (!image.startsWith('data:')) return image;
  const comma = image.indexOf(',');
  return comma === -1 ? image : image.slice(comma + 1);
}
