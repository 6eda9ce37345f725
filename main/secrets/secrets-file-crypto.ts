import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/**
 * The on-disk format of `secrets.enc`: a JSON envelope around one AES-256-GCM ciphertext of all
 * secrets, keyed by scrypt from the OMNIROUTE_SECRETS_KEY passphrase and a per-file random salt.
 * GCM authenticates as well as encrypts, so a wrong passphrase or a tampered file is detected
 * instead of decrypting to garbage.
 */

const FORMAT = 'omniroute-secrets';
const VERSION = 1;
const CIPHER = 'aes-256-gcm';
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** GCM is specified for 96-bit IVs; other lengths get hashed down, which weakens the nonce. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * Cost 2^15 with block size 8 takes about 0.1 s and 32 MiB per derivation: slow enough to make
 * guessing the passphrase expensive, fast enough to run once at start. Node's default memory cap
 * is exactly 32 MiB, which scrypt's bookkeeping exceeds, hence the explicit `maxmem`.
 */
const SCRYPT_OPTIONS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** Binds the ciphertext to the format and version, so a future format cannot be fed old bytes. */
const ADDITIONAL_DATA = Buffer.from(`${FORMAT}/${VERSION}`);

/** A parsed `secrets.enc` whose content is still encrypted. */
export interface SecretsEnvelope {
  format: typeof FORMAT;
  version: typeof VERSION;
  kdf: 'scrypt';
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Strict base64 (the padding included), as Buffer.toString('base64') writes it. */
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Checked by hand rather than with a schema library: the CLI opens this file before it loads the
// rest of the app, so the key derivation runs while the app's modules load.
function isEnvelope(value: unknown): value is SecretsEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  const isBase64 = (field: unknown): boolean => typeof field === 'string' && base64.test(field);
  return (
    fields.format === FORMAT &&
    fields.version === VERSION &&
    fields.kdf === 'scrypt' &&
    isBase64(fields.salt) &&
    isBase64(fields.iv) &&
    isBase64(fields.tag) &&
    isBase64(fields.ciphertext)
  );
}

/** A derived key together with the salt it was derived with, which every write stores again. */
export interface SecretsKey {
  key: Buffer;
  salt: Buffer;
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

export function deriveSecretsKey(passphrase: string, salt: Buffer): Promise<SecretsKey> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, KEY_BYTES, SCRYPT_OPTIONS, (error, key) => {
      if (error) reject(error);
      else resolve({ key, salt });
    });
  });
}

/** Undefined when the text is not a secrets file of a format this version understands. */
export function parseSecretsFile(text: string): SecretsEnvelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isEnvelope(json)) return undefined;
  const envelope = json;
  const lengthsValid =
    Buffer.from(envelope.salt, 'base64').length === SALT_BYTES &&
    Buffer.from(envelope.iv, 'base64').length === IV_BYTES &&
    Buffer.from(envelope.tag, 'base64').length === TAG_BYTES;
  return lengthsValid ? envelope : undefined;
}

export function saltOf(envelope: SecretsEnvelope): Buffer {
  return Buffer.from(envelope.salt, 'base64');
}

/** Encrypts all secrets under a fresh IV: reusing an IV with the same GCM key leaks plaintext. */
export function encryptSecrets(secrets: ReadonlyMap<string, string>, secretsKey: SecretsKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, secretsKey.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ADDITIONAL_DATA);
  const plaintext = Buffer.from(JSON.stringify(Object.fromEntries(secrets)), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope: SecretsEnvelope = {
    format: FORMAT,
    version: VERSION,
    kdf: 'scrypt',
    salt: secretsKey.salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Undefined when authentication fails: the key is wrong or the file was modified. */
export function decryptSecrets(envelope: SecretsEnvelope, secretsKey: SecretsKey): Map<string, string> | undefined {
  const decipher = createDecipheriv(CIPHER, secretsKey.key, Buffer.from(envelope.iv, 'base64'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(ADDITIONAL_DATA);
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
  return parseSecretsJson(plaintext);
}

/**
 * Entries go through a Map, never a plain object, so a secret named `__proto__` stays an
 * ordinary entry. JSON.parse and Object.entries both treat that key as an own property.
 */
function parseSecretsJson(plaintext: string): Map<string, string> | undefined {
  const parsed: unknown = JSON.parse(plaintext);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (!entries.every(([, value]) => typeof value === 'string')) return undefined;
  return new Map(entries as Array<[string, string]>);
}
