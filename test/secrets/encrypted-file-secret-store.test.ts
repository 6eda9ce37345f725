import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../main/secrets/encrypted-file-secret-store.js';
import { secretStoreContract } from './secret-store-contract.js';

const passphrase = 'correct horse battery staple';
const directories: string[] = [];

async function newDataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'omniroute-secrets-'));
  directories.push(directory);
  return directory;
}

describe('EncryptedFileSecretStore', () => {
  after(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  secretStoreContract(async () => new EncryptedFileSecretStore({ dataDir: await newDataDir(), passphrase }));

  test('reports its kind, and keeps secrets.enc in the data directory', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    assert.equal(store.kind, 'encrypted-file');
    assert.equal(store.file, path.join(dataDir, 'secrets.enc'));
    assert.equal(SECRETS_FILE_NAME, 'secrets.enc');
  });

  test('secrets persist: a new instance with the same passphrase reads them', async () => {
    const dataDir = await newDataDir();
    const writer = new EncryptedFileSecretStore({ dataDir, passphrase });
    await writer.set('provider-key', 'sk-persisted');
    await writer.set('oauth-token', 'token ✓');
    const reader = new EncryptedFileSecretStore({ dataDir, passphrase });
    assert.equal(await reader.get('provider-key'), 'sk-persisted');
    assert.equal(await reader.get('oauth-token'), 'token ✓');
    assert.equal(await reader.delete('provider-key'), true);
    const third = new EncryptedFileSecretStore({ dataDir, passphrase });
    assert.equal(await third.get('provider-key'), undefined);
    assert.equal(await third.get('oauth-token'), 'token ✓');
  });

  test('the file is owner-only and no temporary file is left beside it', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    await store.set('provider-key', 'sk-private');
    await store.set('provider-key', 'sk-private-2');
    assert.equal((await stat(store.file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dataDir), ['secrets.enc']);
  });

  test('creates a missing data directory owner-only', async () => {
    const dataDir = path.join(await newDataDir(), 'nested', 'data');
    await new EncryptedFileSecretStore({ dataDir, passphrase }).set('provider-key', 'sk-nested');
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
  });

  test('the file does not contain secret names or values in any readable form', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    const name = 'canary-secret-name';
    const value = 'sk-canary-value-0123456789';
    await store.set(name, value);
    const content = (await readFile(store.file)).toString('latin1');
    for (const needle of [name, value, passphrase]) {
      const bytes = Buffer.from(needle, 'utf8');
      for (const form of [needle, bytes.toString('base64'), bytes.toString('hex')]) {
        assert.equal(content.includes(form), false, `the file contains ${form}`);
      }
    }
  });

  test('every write uses a fresh IV, even for identical contents', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    await store.set('provider-key', 'same');
    const first = JSON.parse(await readFile(store.file, 'utf8')) as { iv: string; salt: string };
    await store.set('provider-key', 'same');
    const second = JSON.parse(await readFile(store.file, 'utf8')) as { iv: string; salt: string };
    assert.notEqual(first.iv, second.iv);
    assert.equal(first.salt, second.salt);
  });

  test('a wrong passphrase is a clear error, never garbage, and the file is left alone', async () => {
    const dataDir = await newDataDir();
    await new EncryptedFileSecretStore({ dataDir, passphrase }).set('provider-key', 'sk-right');
    const before = await readFile(path.join(dataDir, 'secrets.enc'));
    const wrong = new EncryptedFileSecretStore({ dataDir, passphrase: 'a different passphrase!' });
    const expected = /^Error: cannot decrypt .*secrets\.enc: wrong OMNIROUTE_SECRETS_KEY\?/;
    await assert.rejects(wrong.get('provider-key'), expected);
    await assert.rejects(wrong.set('provider-key', 'sk-overwrite'), expected);
    await assert.rejects(wrong.delete('provider-key'), expected);
    assert.deepEqual(await readFile(path.join(dataDir, 'secrets.enc')), before);
    assert.equal(await new EncryptedFileSecretStore({ dataDir, passphrase }).get('provider-key'), 'sk-right');
  });

  test('a modified file is refused rather than decrypted', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    await store.set('provider-key', 'sk-original');
    const envelope = JSON.parse(await readFile(store.file, 'utf8')) as { ciphertext: string };
    const ciphertext = Buffer.from(envelope.ciphertext, 'base64');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    envelope.ciphertext = ciphertext.toString('base64');
    await writeFile(store.file, JSON.stringify(envelope));
    await assert.rejects(new EncryptedFileSecretStore({ dataDir, passphrase }).get('provider-key'), /cannot decrypt/);
  });

  test('a file that is not a secrets file is refused', async () => {
    const dataDir = await newDataDir();
    await writeFile(path.join(dataDir, 'secrets.enc'), '{"provider-key":"sk-plaintext"}');
    await assert.rejects(
      new EncryptedFileSecretStore({ dataDir, passphrase }).get('provider-key'),
      /^Error: cannot read .*secrets\.enc: not an OmniRoute secrets file/,
    );
  });

  test('an envelope with a field out of format is refused', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    await store.set('provider-key', 'sk-original');
    const good = JSON.parse(await readFile(store.file, 'utf8')) as Record<string, unknown>;
    const damaged: Record<string, unknown>[] = [
      { ...good, version: 2 },
      { ...good, kdf: 'pbkdf2' },
      { ...good, salt: 'not base64!' },
      { ...good, iv: Buffer.alloc(16).toString('base64') },
      { ...good, tag: undefined },
      { ...good, ciphertext: 42 },
    ];
    for (const envelope of damaged) {
      await writeFile(store.file, JSON.stringify(envelope));
      await assert.rejects(new EncryptedFileSecretStore({ dataDir, passphrase }).get('provider-key'), /not an OmniRoute secrets file/, JSON.stringify(envelope));
    }
    await writeFile(store.file, JSON.stringify(good));
    assert.equal(await new EncryptedFileSecretStore({ dataDir, passphrase }).get('provider-key'), 'sk-original');
  });

  test('refuses a missing or short passphrase instead of storing plaintext', async () => {
    const dataDir = await newDataDir();
    assert.throws(() => new EncryptedFileSecretStore({ dataDir, passphrase: '' }), /OMNIROUTE_SECRETS_KEY is not set/);
    assert.throws(
      () => new EncryptedFileSecretStore({ dataDir, passphrase: '15 characters!!' }),
      /OMNIROUTE_SECRETS_KEY is too short \(15 characters\): use at least 16/,
    );
    const atMinimum = new EncryptedFileSecretStore({ dataDir, passphrase: '16 characters!!!' });
    await atMinimum.set('provider-key', 'sk-minimum');
    assert.equal(await atMinimum.get('provider-key'), 'sk-minimum');
  });

  test('concurrent writes on one instance all persist', async () => {
    const dataDir = await newDataDir();
    const store = new EncryptedFileSecretStore({ dataDir, passphrase });
    const names = Array.from({ length: 25 }, (_, index) => `provider-key-${index}`);
    await Promise.all(names.map((name) => store.set(name, `value of ${name}`)));
    await Promise.all([store.delete('provider-key-0'), store.set('provider-key-1', 'replaced')]);
    const reader = new EncryptedFileSecretStore({ dataDir, passphrase });
    assert.equal(await reader.get('provider-key-0'), undefined);
    assert.equal(await reader.get('provider-key-1'), 'replaced');
    for (const name of names.slice(2)) assert.equal(await reader.get(name), `value of ${name}`);
    assert.deepEqual(await readdir(dataDir), ['secrets.enc']);
  });

  test('a read issued after a write sees it, without awaiting the write', async () => {
    const store = new EncryptedFileSecretStore({ dataDir: await newDataDir(), passphrase });
    const write = store.set('provider-key', 'sk-ordered');
    assert.equal(await store.get('provider-key'), 'sk-ordered');
    await write;
  });
});
