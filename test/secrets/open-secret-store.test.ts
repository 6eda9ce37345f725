import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { findCredentialsAsync } from '@napi-rs/keyring';
import { DEFAULT_KEYCHAIN_SERVICE } from '../../main/secrets/keychain-secret-store.js';
import { openSecretStore } from '../../main/secrets/open-secret-store.js';
import { runInChildProcess, sourceUrl } from './run-in-child-process.js';

const secretsKey = 'a passphrase long enough';

function fileStoreEnv(key?: string): Record<string, string | undefined> {
  return { OMNIROUTE_SECRET_STORE: 'file', OMNIROUTE_SECRETS_KEY: key };
}
const directories: string[] = [];

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'omniroute-open-secrets-'));
  directories.push(directory);
  return directory;
}

/** The fix the keychain refusal must spell out, whatever went wrong. */
function assertExplainsKeychainFix(message: string): void {
  assert.match(message, /^the OS keychain is not usable \(.+\)/);
  assert.match(message, /gnome-keyring/);
  assert.match(message, /KeePassXC/);
  assert.match(message, /unlock/);
  assert.match(message, /OMNIROUTE_SECRET_STORE=file and OMNIROUTE_SECRETS_KEY=/);
}

describe('openSecretStore', () => {
  after(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  test('opens the keychain by default, and its probe leaves no secret behind', async () => {
    const store = await openSecretStore({ dataDir: await newDirectory(), env: {} });
    assert.equal(store.kind, 'keychain');
    const probes = (await findCredentialsAsync(DEFAULT_KEYCHAIN_SERVICE)).filter(({ account }) =>
      account.startsWith('omniroute-probe-'),
    );
    assert.deepEqual(probes, []);
  });

  test('opens the keychain when asked by name', async () => {
    const env = { OMNIROUTE_SECRET_STORE: 'keychain' };
    const store = await openSecretStore({ dataDir: await newDirectory(), env });
    assert.equal(store.kind, 'keychain');
  });

  test('opens the encrypted file store when opted in with a key', async () => {
    const dataDir = await newDirectory();
    const env = fileStoreEnv(secretsKey);
    const store = await openSecretStore({ dataDir, env });
    assert.equal(store.kind, 'encrypted-file');
    await store.set('provider-key', 'sk-in-file');
    assert.equal(await (await openSecretStore({ dataDir, env })).get('provider-key'), 'sk-in-file');
  });

  test('refuses to start with the wrong key for an existing secrets file', async () => {
    const dataDir = await newDirectory();
    await (await openSecretStore({ dataDir, env: fileStoreEnv(secretsKey) })).set('provider-key', 'sk-in-file');
    await assert.rejects(
      openSecretStore({ dataDir, env: fileStoreEnv('not the right passphrase') }),
      /cannot decrypt .*secrets\.enc: wrong OMNIROUTE_SECRETS_KEY\?/,
    );
  });

  test('refuses the file store without a key rather than write plaintext', async () => {
    const dataDir = await newDirectory();
    for (const env of [fileStoreEnv(), fileStoreEnv('')]) {
      await assert.rejects(
        openSecretStore({ dataDir, env }),
        /OMNIROUTE_SECRETS_KEY is not set.*refusing to store secrets in plaintext/,
      );
    }
    await assert.rejects(openSecretStore({ dataDir, env: fileStoreEnv('short') }), /OMNIROUTE_SECRETS_KEY is too short/);
    assert.deepEqual(await readdir(dataDir), []);
  });

  test('rejects an unknown store name', async () => {
    for (const choice of ['plaintext', 'File', 'keyring']) {
      await assert.rejects(
        openSecretStore({ dataDir: await newDirectory(), env: { OMNIROUTE_SECRET_STORE: choice } }),
        new RegExp(`^Error: OMNIROUTE_SECRET_STORE=${choice} is not supported: use "keychain" \\(the default\\) or "file"$`),
      );
    }
  });

  test('refuses the keychain, explaining the fix, when no Secret Service is reachable', async () => {
    const result = await runInChildProcess({
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/test-bus' },
      code: openKeychainInChild(),
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const { message } = JSON.parse(result.stdout) as { message: string };
    assertExplainsKeychainFix(message);
  });

  test('refuses the keychain when it can be read but not written (no unlocked keyring)', async () => {
    // A fresh session whose gnome-keyring has no keyring yet: reads of missing names succeed, every
    // write fails. This is why the probe writes instead of only reading.
    const home = await newDirectory();
    const runtime = path.join(home, 'runtime');
    await mkdir(runtime);
    await chmod(runtime, 0o700);
    const { DISPLAY: _x11, WAYLAND_DISPLAY: _wayland, DBUS_SESSION_BUS_ADDRESS: _bus, ...inherited } = process.env;
    const result = await runInChildProcess({
      // Without a display the unlock prompt is dismissed at once instead of waiting for a person.
      env: { ...inherited, HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home, XDG_RUNTIME_DIR: runtime },
      wrapper: [
        'dbus-run-session',
        '--',
        'sh',
        '-c',
        'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$@"',
        'sh',
      ],
      code: openKeychainInChild(),
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const { readOfMissing, message } = JSON.parse(result.stdout) as { readOfMissing: unknown; message: string };
    assert.equal(readOfMissing, null, 'premise: reading a missing secret works in this session');
    assertExplainsKeychainFix(message);
  });
});

/** Child code that reports what a plain read and openSecretStore do with the keychain it finds. */
function openKeychainInChild(): string {
  const keychainModule = JSON.stringify(sourceUrl('main/secrets/keychain-secret-store.ts'));
  const openModule = JSON.stringify(sourceUrl('main/secrets/open-secret-store.ts'));
  return `
    const { KeychainSecretStore } = await import(${keychainModule});
    const { openSecretStore } = await import(${openModule});
    let readOfMissing;
    try {
      readOfMissing = (await new KeychainSecretStore().get('never-set')) ?? null;
    } catch (error) {
      readOfMissing = error.message;
    }
    let message = 'openSecretStore resolved';
    try {
      await openSecretStore({ dataDir: '/nonexistent', env: {} });
    } catch (error) {
      message = error.message;
    }
    process.stdout.write(JSON.stringify({ readOfMissing, message }));
  `;
}
