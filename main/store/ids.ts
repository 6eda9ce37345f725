import { randomBytes } from 'node:crypto';

/** RFC 4648 base32, lowercased: case-insensitive safe, no characters that need URL escaping. */
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 80 random bits, which base32 spells in exactly 16 characters. */
const RANDOM_BYTES = 10;

/**
 * A new identifier such as `prv_3kq7…`: the prefix says what kind of row it names (useful in logs
 * and URLs), the rest is cryptographically random so ids cannot be guessed or enumerated.
 */
export function newId(prefix: string): string {
  return `${prefix}_${encodeBase32(randomBytes(RANDOM_BYTES))}`;
}

function encodeBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bitCount = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      output += BASE32_ALPHABET.charAt((buffer >> bitCount) & 31);
    }
  }
  if (bitCount > 0) output += BASE32_ALPHABET.charAt((buffer << (5 - bitCount)) & 31);
  return output;
}
