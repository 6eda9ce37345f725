/** The XDG autostart entry: where it goes and how its Exec line quotes the command. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { desktopConfig } from '../../main/desktop/desktop-config.js';
import { autostartEntry, autostartEntryPath } from '../../main/desktop/xdg-autostart.js';

const execLine = (command: string[]): string | undefined => autostartEntry(command).split('\n').find((line) => line.startsWith('Exec='));

describe('XDG autostart entry', () => {
  it('goes to $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when that is unset or relative', () => {
    assert.equal(autostartEntryPath({ XDG_CONFIG_HOME: '/x/config' }, '/home/u'), '/x/config/autostart/omniroute-desktop.desktop');
    assert.equal(autostartEntryPath({}, '/home/u'), '/home/u/.config/autostart/omniroute-desktop.desktop');
    assert.equal(autostartEntryPath({ XDG_CONFIG_HOME: 'relative/config' }, '/home/u'), '/home/u/.config/autostart/omniroute-desktop.desktop');
  });

  it('leaves plain arguments bare and quotes the rest by the Desktop Entry rules', () => {
    assert.equal(execLine(['/opt/omniroute/omniroute-desktop', '--hidden']), 'Exec=/opt/omniroute/omniroute-desktop --hidden');
    assert.equal(execLine(['/home/u/My Apps/OmniRoute.AppImage', '--hidden']), 'Exec="/home/u/My Apps/OmniRoute.AppImage" --hidden');
    // `%` starts a field code and is doubled; `$` and `"` are escaped inside quotes; a backslash
    // is escaped for the quoting and again for the string value.
    assert.equal(execLine(['/home/u/100% "$HOME"/a\\b']), 'Exec="/home/u/100%% \\\\"\\\\$HOME\\\\"/a\\\\\\\\b"');
  });
});

describe('desktop configuration', () => {
  it('takes DATA_DIR and PORT like the CLI, and always loopback', () => {
    const config = desktopConfig({ DATA_DIR: '/data/omniroute', PORT: '3000', HOST: '0.0.0.0' });
    assert.deepEqual(config, { dataDir: '/data/omniroute', port: 3000, host: '127.0.0.1', logPath: '/data/omniroute/logs/omniroute.log' });
  });

  it('refuses a PORT that is not a port', () => {
    assert.throws(() => desktopConfig({ DATA_DIR: '/d', PORT: 'eighty' }), /Invalid port 'eighty'/);
  });
});
