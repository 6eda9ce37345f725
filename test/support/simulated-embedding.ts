import { createHash } from 'node:crypto';

const dimensions = 64;

/**
 * A deterministic stand-in for an embedding model: a bag of lower-cased words, each hashed to one
 * of 64 dimensions. Texts with the same words (any case, any punctuation) get the same vector;
 * texts sharing few words are far apart. Enough to test similarity thresholds, not meaning.
 */
export function simulatedEmbedding(text: string): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const bucket = createHash('sha256').update(word).digest().readUInt16BE(0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  return vector;
}
