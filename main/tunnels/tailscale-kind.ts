import { commonInstallFolders } from './install-folders.js';
import type { TunnelKind } from './tunnel-kind.js';

// The line after "Available on the internet:" is the node's MagicDNS name on ts.net.
const funnelUrl = /^(https:\/\/[a-z0-9.-]+\.ts\.net)(?::443)?\/?$/i;

/**
 * Tailscale Funnel in the foreground (`tailscale funnel <target>`, the 1.52+ syntax): the funnel
 * lives exactly as long as the process, so nothing is left configured when it stops, unlike
 * `--bg`, which would need `tailscale funnel --https=443 off` afterwards. The CLI cleans up on
 * SIGINT (its Ctrl+C handler); the public Host header is the node's ts.net name.
 *
 * @see https://tailscale.com/docs/reference/tailscale-cli/funnel
 */
export const tailscaleKind: TunnelKind = {
  id: 'tailscale',
  label: 'Tailscale Funnel',
  // The macOS app bundle's command-line entry point is named with a capital T.
  executables: ['tailscale', 'Tailscale'],
  installFolders: (context) => [
    ...commonInstallFolders(context, 'Tailscale'),
    ...(context.platform === 'darwin' ? ['/Applications/Tailscale.app/Contents/MacOS'] : []),
  ],
  installUrl: 'https://tailscale.com/download',
  installHint: 'Install Tailscale, sign in (tailscale up), and allow Funnel for this machine in your tailnet policy (https://tailscale.com/kb/1223/funnel).',
  args: (target) => ['funnel', target.url],
  parseUrl: (line) => funnelUrl.exec(line.trim())?.[1]?.toLowerCase() ?? null,
  stopSignal: 'SIGINT',
};
