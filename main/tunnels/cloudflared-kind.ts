import { posix } from 'node:path';
import { commonInstallFolders } from './install-folders.js';
import type { TunnelKind } from './tunnel-kind.js';

// A quick tunnel's host is a random subdomain. `api.trycloudflare.com` is where cloudflared asks
// for one, and shows up in its error lines, so it is excluded, as is a URL with a path after it.
const quickTunnelUrl = /https:\/\/(?!api\.)[a-z0-9-]+\.trycloudflare\.com(?![\w/.-])/i;

/**
 * Cloudflare Quick Tunnel: no account needed; cloudflared logs the URL on stderr in a box
 * (`INF |  https://<words>.trycloudflare.com  |`). The URL changes on every start.
 *
 * @see https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/do-more-with-tunnels/trycloudflare/
 */
export const cloudflaredKind: TunnelKind = {
  id: 'cloudflared',
  label: 'Cloudflare Quick Tunnel',
  executables: ['cloudflared'],
  installFolders: (context) => [
    ...commonInstallFolders(context, 'cloudflared'),
    // Cloudflare's own instructions for a manual download leave the binary here.
    ...(context.platform === 'win32' ? [] : [posix.join(context.home, '.cloudflared')]),
  ],
  installUrl: 'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/',
  installHint: 'Install cloudflared (macOS: brew install cloudflared; Windows: winget install --id Cloudflare.cloudflared; Linux: the package from the download page). No Cloudflare account is needed for a quick tunnel.',
  // Auto-update would replace the binary under a running, supervised process.
  args: (target) => ['tunnel', '--url', target.url, '--no-autoupdate'],
  parseUrl: (line) => quickTunnelUrl.exec(line)?.[0].toLowerCase() ?? null,
  stopSignal: 'SIGTERM',
};
