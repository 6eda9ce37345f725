import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { DEFAULT_KEYCHAIN_SERVICE, KeychainSecretStore } from '../../main/secrets/keychain-secret-store.js';
import { runInChildProcess, sourceUrl } from './run-in-child-process.js';
import { secretStoreContract } from './secret-store-contract.js';

// Runs against the real Secret Service that scripts/test.sh starts. The service name is unique
// per run so nothing here can touch, or be confused by, other secrets in that keyring.
const service = `OmniRoute Desktop test ${randomUUID()}`;
const keychainModule = JSON.stringify(sourceUrl('main/secrets/keychain-secret-store.ts'));

describe('KeychainSecretStore', () => {
  after(async () => {
    for (const { account } of await findCredentialsAsync(service)) {
      await new AsyncEntry(service, account, { linux: { store: 'secret-service' } }).deleteCredential();
    }
  });

  secretStoreContract(async () => new KeychainSecretStore({ service }));

  test('the contract tests left nothing behind in the keychain', async () => {
    assert.deepEqual(await findCredentialsAsync(service), []);
  });

  test('reports its kind, and files secrets under the app name by default', () => {
    assert.equal(new KeychainSecretStore().kind, 'keychain');
    assert.equal(new KeychainSecretStore().service, DEFAULT_KEYCHAIN_SERVICE);
    assert.equal(DEFAULT_KEYCHAIN_SERVICE, 'OmniRoute Desktop');
  });

  test('the secret name is the keychain account under the service', async () => {
    const store = new KeychainSecretStore({ service });
    const name = `account-${randomUUID()}`;
    await store.set(name, 'visible to other keychain clients');
    assert.deepEqual(await findCredentialsAsync(service), [
      { account: name, password: 'visible to other keychain clients' },
    ]);
    await store.delete(name);
  });

  describe('without a reachable Secret Service', () => {
    const unreachable = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/test-bus' };
    const secretValue = `sk-must-not-leak-${randomUUID()}`;

    test('fails with a clear error that names the secret but not its value', async () => {
      const result = await runInChildProcess({
        env: unreachable,
        code: `
          const { KeychainSecretStore } = await import(${keychainModule});
          const store = new KeychainSecretStore({ service: ${JSON.stringify(service)} });
          const outcomes = {};
          for (const [operation, run] of [
            ['get', () => store.get('provider-key')],
            ['set', () => store.set('provider-key', ${JSON.stringify(secretValue)})],
            ['delete', () => store.delete('provider-key')],
          ]) {
            try {
              outcomes[operation] = { resolved: await run() ?? null };
            } catch (error) {
              outcomes[operation] = { rejected: error.message, isError: error instanceof Error };
            }
          }
          process.stdout.write(JSON.stringify(outcomes));
        `,
      });
      assert.equal(result.exitCode, 0, result.stderr);
      const outcomes = JSON.parse(result.stdout) as Record<string, { rejected?: string; isError?: boolean }>;
      for (const [operation, verb] of [
        ['get', 'read'],
        ['set', 'write'],
        ['delete', 'delete'],
      ] as const) {
        const outcome = outcomes[operation];
        assert.equal(outcome?.isError, true, `${operation} must reject, got ${JSON.stringify(outcome)}`);
        const expected = `keychain ${verb} of secret "provider-key" (service "${service}") failed: `;
        const message = outcome.rejected ?? '';
        assert.ok(message.startsWith(expected), `${operation} rejected with: ${message}`);
        assert.ok(message.length > expected.length, 'the reason is missing');
      }
      assert.equal(result.stdout.includes(secretValue), false, 'the secret value leaked into an error');
    });

    test('does not fall back to the kernel keyutils store, whose secrets vanish at reboot', async () => {
      const result = await runInChildProcess({
        env: unreachable,
        code: `
          const { AsyncEntry } = await import('@napi-rs/keyring');
          const { KeychainSecretStore } = await import(${keychainModule});
          const name = 'fallback-${randomUUID()}';
          let stored = true;
          try {
            await new KeychainSecretStore({ service: ${JSON.stringify(service)} }).set(name, 'value');
          } catch {
            stored = false;
          }
          // Looks where the binding's unpinned fallback would have put it, and cleans up. Some
          // kernels or containers deny keyutils access altogether; then nothing can be read there.
          let inKeyutils = false;
          try {
            const keyutils = new AsyncEntry(${JSON.stringify(service)}, name, { linux: { store: 'keyutils' } });
            inKeyutils = (await keyutils.getPassword()) !== null;
            if (inKeyutils) await keyutils.deleteCredential();
          } catch {}
          process.stdout.write(JSON.stringify({ stored, inKeyutils }));
        `,
      });
      assert.equal(result.exitCode, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), { stored: false, inKeyutils: false });
    });
  });
});
