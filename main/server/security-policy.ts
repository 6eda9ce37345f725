import { BlockList } from 'node:net';
import { parseAddressEntry, type IpFilterSetting } from '../../shared/ip-filter.js';
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
  /** The IP filter's list, when it is on. */
  private addressFilter: { mode: 'allowlist' | 'blocklist'; list: BlockList } | undefined;

  constructor(private port: number, settings: Settings) {
    this.update(settings);
  }

  /** Recomputed when settings change or once the real port is known (port 0 in tests). */
  update(settings: Settings, port: number = this.port): void {
    this.port = port;
    this.hosts = new Set([...loopbackNames, ...settings.allowedHosts.map((host) => host.toLowerCase())]);
    this.ownOrigins = new Set(loopbackNames.map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${port}`));
    this.origins = new Set([...this.ownOrigins, ...settings.allowedOrigins.map(normalizeOrigin).filter((origin) => origin !== 'null')]);
    this.addressFilter = addressFilterOf(settings.ipFilter);
  }

  /** Whether a client at this address may use the router: always from this machine, else as the IP filter says (no address is looked at while it is off). */
  isAllowedAddress(remoteAddress: string | undefined): boolean {
    const filter = this.addressFilter;
    if (!filter) return true;
    if (remoteAddress === undefined) return false;
    const { address, family } = clientAddress(remoteAddress);
    if (family === 'ipv4' ? address.startsWith('127.') : address === '::1') return true;
    const listed = filter.list.check(address, family);
    return filter.mode === 'allowlist' ? listed : !listed;
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

function addressFilterOf(setting: IpFilterSetting): { mode: 'allowlist' | 'blocklist'; list: BlockList } | undefined {
  if (setting.mode === 'off') return undefined;
  const list = new BlockList();
  for (const entry of setting.mode === 'allowlist' ? setting.allowlist : setting.blocklist) {
    const parsed = parseAddressEntry(entry);
    // The settings schema let only valid entries in; anything else matches nothing.
    if (!parsed) continue;
    const mapped = parsed.family === 'ipv4' ? parsed : clientAddress(parsed.address);
    if (parsed.prefix === (parsed.family === 'ipv4' ? 32 : 128)) list.addAddress(mapped.address, mapped.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return { mode: setting.mode, list };
}

/** A socket's peer address, an IPv4 client of a dual-stack socket (`::ffff:192.0.2.1`) as IPv4, without an IPv6 zone. */
function clientAddress(remoteAddress: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const address = remoteAddress.split('%')[0] ?? remoteAddress;
  if (!address.includes(':')) return { address, family: 'ipv4' };
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? { address: mapped[1] as string, family: 'ipv4' } : { address, family: 'ipv6' };
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
