import type { Settings } from '../../shared/settings.js';

const loopbackNames = ['127.0.0.1', 'localhost', '::1'];

/**
 * Which Host and Origin headers the router accepts. Checking Host defeats DNS rebinding (a page on
 * evil.example resolving to 127.0.0.1 still sends `Host: evil.example`); checking Origin stops
 * other web pages from driving the API with the user's browser.
 */
export class SecurityPolicy {
  private hosts = new Set<string>();
  private ownOrigins = new Set<string>();
  private origins = new Set<string>();
  // Hosts of running tunnels: accepted like allowedHosts but never stored in the settings, and
  // marked, because the management API and the dashboard refuse requests that came through one.
  private readonly tunnelHosts = new Set<string>();

  constructor(private port: number, settings: Settings) {
    this.update(settings);
  }

  /** Recomputed when settings change or once the real port is known (port 0 in tests). */
  update(settings: Settings, port: number = this.port): void {
    this.port = port;
    this.hosts = new Set([...loopbackNames, ...settings.allowedHosts.map((host) => host.toLowerCase())]);
    this.ownOrigins = new Set(loopbackNames.map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${port}`));
    this.origins = new Set([...this.ownOrigins, ...settings.allowedOrigins.map(normalizeOrigin).filter((origin) => origin !== 'null')]);
  }

  isAllowedHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false;
    const hostname = hostnameOf(hostHeader);
    return this.hosts.has(hostname) || this.tunnelHosts.has(hostname);
  }

  /** A tunnel announced its public host name: accept it until removeTunnelHost. */
  addTunnelHost(hostname: string): void {
    this.tunnelHosts.add(hostname.toLowerCase());
  }

  removeTunnelHost(hostname: string): void {
    this.tunnelHosts.delete(hostname.toLowerCase());
  }

  /** Whether the request was addressed to a running tunnel's public host. */
  isTunnelHost(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.tunnelHosts.has(hostnameOf(hostHeader));
  }

  /** Whether any tunnel is up right now. */
  get hasTunnels(): boolean {
    return this.tunnelHosts.size > 0;
  }

  /** Exact origins only: our own page, or one the user listed in `allowedOrigins`. */
  isAllowedOrigin(origin: string): boolean {
    return this.origins.has(origin);
  }

  /** Origins that get CORS headers: the user's list (our own page is same-origin and needs none). */
  isCorsOrigin(origin: string): boolean {
    return this.isAllowedOrigin(origin) && !this.ownOrigins.has(origin);
  }
}

// A client sends the same Host header on every request: the last one's hostname is kept.
let lastHostHeader = '';
let lastHostname = '';

function hostnameOf(hostHeader: string): string {
  if (hostHeader === lastHostHeader) return lastHostname;
  const value = hostHeader.trim().toLowerCase();
  const colon = value.lastIndexOf(':');
  const hostname = value.startsWith('[') ? value.slice(1, value.indexOf(']')) : colon === -1 ? value : value.slice(0, colon);
  lastHostHeader = hostHeader;
  lastHostname = hostname;
  return hostname;
}

/**
 * The form a browser sends in `Origin`: `https://App.Example:443/` is listed by users but arrives
 * as `https://app.example`. Only http(s) go through URL, whose origin of other schemes is the
 * opaque `null` that sandboxed pages send and that must never be allowed.
 */
function normalizeOrigin(value: string): string {
  if (/^https?:\/\//i.test(value)) {
    try {
      return new URL(value).origin;
    } catch {
      // Left as written; it will simply match nothing.
    }
  }
  return value.replace(/\/+$/, '');
}
