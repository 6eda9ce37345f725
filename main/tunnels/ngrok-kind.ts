import { commonInstallFolders } from './install-folders.js';
import type { TunnelKind } from './tunnel-kind.js';

/**
 * ngrok agent (v3). With `--log stdout --log-format json` every log record is one JSON object per
 * line; the tunnel's public URL is in the record whose `msg` is `started tunnel`. ngrok keeps the
 * public Host header by default (`--host-header=rewrite` is opt-in), which the Host check relies on.
 *
 * @see https://ngrok.com/docs/agent/cli/
 */
export const ngrokKind: TunnelKind = {
  id: 'ngrok',
  label: 'ngrok',
  executables: ['ngrok'],
  installFolders: (context) => commonInstallFolders(context, 'ngrok'),
  installUrl: 'https://ngrok.com/download',
  installHint: 'Install the ngrok agent, then connect it to your (free) ngrok account once: ngrok config add-authtoken <token>.',
  args: (target) => ['http', target.url, '--log', 'stdout', '--log-format', 'json'],
  parseUrl: (line) => {
    if (!line.startsWith('{')) return null;
    try {
      const record = JSON.parse(line) as { msg?: unknown; url?: unknown };
      return record.msg === 'started tunnel' && typeof record.url === 'string' && record.url.startsWith('https://') ? record.url : null;
    } catch {
      return null;
    }
  },
  stopSignal: 'SIGTERM',
};
