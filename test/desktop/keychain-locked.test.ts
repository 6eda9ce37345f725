/**
 * The OS keychain unusable at start (locked, or no Secret Service): the desktop app shows the
 * error window with the reason and the fix, and the router stays down (secrets have no plaintext
 * fallback). The Secret Service is made unreachable for this test process only, so the keyring
 * the other test files share is not touched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDesktop, type TestDesktop } from './start-desktop.js';

describe('desktop start with an unusable keychain', () => {
  let test: TestDesktop | undefined;
  const original = process.env.DBUS_SESSION_BUS_ADDRESS;
  before(() => {
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/omniroute-test-bus';
  });
  after(async () => {
    await test?.quit();
    process.env.DBUS_SESSION_BUS_ADDRESS = original;
  });

  it('shows the keychain reason and how to unlock it, and keeps the tray in error', async () => {
    test = await startTestDesktop({ secrets: null });
    const [dialog] = test.electron.dialogs;
    assert.ok(dialog);
    assert.match(dialog.message, /^The OS keychain is locked or not available, and OmniRoute keeps your provider keys only there\. \(the OS keychain is not usable \(.*DBus.*\)/);
    assert.match(dialog.detail ?? '', /^Unlock your login keychain .* then choose Try again\. .*OMNIROUTE_SECRET_STORE=file/);
    assert.match(dialog.detail ?? '', /Log file: .*omniroute\.log$/);
    assert.equal(test.desktop?.state.current.status, 'error');
    assert.match(test.electron.trays[0]?.image ?? '', /tray-error\.png$/);
  });
});
