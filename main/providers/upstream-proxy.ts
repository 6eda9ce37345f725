import type { RequestOptions } from 'node:http';
import { BlockList, connect as netConnect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { parseAddressEntry } from '../../shared/ip-filter.js';

/** The proxy the user set in settings (`upstreamProxy`); `url` null means "from the environment". */
export interface ProxySettings {
  url: string | null;
  noProxy: readonly string[];
}

/** Which proxy each scheme goes through (none: direct), and the hosts that never do. */
export interface ProxyConfig {
  https: URL | undefined;
  http: URL | undefined;
  noProxy: readonly string[];
}

/**
 * The settings' proxy for both schemes when set, else the environment's (`HTTPS_PROXY` for https
 * upstreams, `HTTP_PROXY` for http ones, either case), as curl and most tools read them. The
 * settings' and `NO_PROXY`'s exceptions both apply.
 */
export function proxyConfig(settings: ProxySettings, env: Readonly<Record<string, string | undefined>>): ProxyConfig {
  const fromEnv = (...names: string[]): URL | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return parseProxyUrl(value);
    }
    return undefined;
  };
  const noProxyVariable = [env.NO_PROXY, env.no_proxy].find((value) => value?.trim()) ?? '';
  const noProxy = [...settings.noProxy, ...noProxyVariable.split(',')].map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (settings.url) {
    const proxy = parseProxyUrl(settings.url);
    return { https: proxy, http: proxy, noProxy };
  }
  return { https: fromEnv('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'), http: fromEnv('HTTP_PROXY', 'http_proxy'), noProxy };
}

/** A proxy URL; a bare `host:port` (as some environments set it) is read as `http://host:port`. */
function parseProxyUrl(value: string): URL | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Proxy variables set in the environment that cannot be used (not an http:// proxy URL), to say so once. */
export function unusableProxyVariables(env: Readonly<Record<string, string | undefined>>): string[] {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].filter((name) => {
    const value = env[name]?.trim();
    return value !== undefined && value !== '' && parseProxyUrl(value) === undefined;
  });
}

/** The proxy a request to `target` goes through, or undefined to go direct. */
export function proxyFor(target: URL, config: ProxyConfig): URL | undefined {
  const proxy = target.protocol === 'https:' ? config.https : config.http;
  if (!proxy) return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return bypassesProxy(target.hostname, port, config.noProxy) ? undefined : proxy;
}

/**
 * Whether NO_PROXY-style entries exempt a host: `*` exempts all; `example.com` and `.example.com`
 * the domain and its subdomains; `host:port` only that port; an IP address only itself; a CIDR
 * range (`10.0.0.0/8`, `fd00::/8`, as curl reads them) the IP addresses in it.
 */
export function bypassesProxy(hostname: string, port: string, entries: readonly string[]): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return entries.some((entry) => {
    if (entry === '*') return true;
    if (entry.includes('/')) return inRange(host, entry.replace(/^\[([^\]]*)\]/, '$1'));
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    const [name, entryPort] = portMatch && !isIP(entry.replace(/^\[|\]$/g, '')) ? [portMatch[1]!, portMatch[2]] : [entry, undefined];
    if (entryPort !== undefined && entryPort !== port) return false;
    const bare = name.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (isIP(bare) || isIP(host)) return bare === host;
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** Whether an IP address lies in a CIDR range; a host name or a malformed range lies in none. */
function inRange(host: string, range: string): boolean {
  const parsed = parseAddressEntry(range);
  const family = isIP(host);
  if (!parsed || family !== (parsed.family === 'ipv4' ? 4 : 6)) return false;
  const list = new BlockList();
  list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  return list.check(host, parsed.family);
}

/** `Proxy-Authorization` for a proxy URL with credentials (Basic, as curl sends them). */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** A proxy for messages and logs: its address, never its credentials. */
export function describeProxy(proxy: URL): string {
  return proxy.host;
}

const connectAgents = new Map<string, HttpsAgent>();

/** The keep-alive pool for https upstreams behind one proxy (one per proxy URL, credentials included). */
export function connectAgent(proxy: URL): HttpsAgent {
  const pooled = connectAgents.get(proxy.href);
  if (pooled) return pooled;
  const agent = new ConnectAgent(proxy, { keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });
  connectAgents.set(proxy.href, agent);
  return agent;
}

/** Closes the pooled connections of every proxy (at shutdown, with the direct pools). */
export function destroyProxyAgents(): void {
  for (const agent of connectAgents.values()) agent.destroy();
  connectAgents.clear();
}

/** How long a proxy may take to answer a CONNECT. */
const connectTimeoutMs = 30_000;

/**
 * An https agent whose connections are tunnels: `CONNECT host:port` to the proxy, then TLS to the
 * upstream inside it, so the proxy sees only where the bytes go, never them.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-connect
 */
class ConnectAgent extends HttpsAgent {
  readonly #proxy: URL;

  constructor(proxy: URL, options: AgentOptions) {
    super(options);
    this.#proxy = proxy;
  }

  override createConnection(requestOptions: RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): undefined {
    const options = requestOptions as ConnectionOptions & { host?: string; port?: number };
    const done = callback ?? (() => undefined);
    const target = `${(options.host ?? 'localhost').includes(':') ? `[${options.host}]` : options.host}:${options.port ?? 443}`;
    const proxy = this.#proxy;
    const socket = netConnect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80) });
    let settled = false;
    const fail = (message: string, code: string): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      done(Object.assign(new Error(message), { code }), socket);
    };
    socket.setTimeout(connectTimeoutMs, () => fail(`Proxy ${describeProxy(proxy)} did not answer CONNECT ${target} within ${connectTimeoutMs / 1000} s`, 'ETIMEDOUT'));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(`Proxy ${describeProxy(proxy)} unreachable: ${error.code ?? error.message}`, error.code ?? 'EPROXY'));
    socket.once('close', () => fail(`Proxy ${describeProxy(proxy)} closed the connection during CONNECT ${target}`, 'ECONNRESET'));
    socket.once('connect', () => {
      const authorization = proxyAuthorization(proxy);
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${authorization ? `Proxy-Authorization: ${authorization}\r\n` : ''}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 16 * 1024) fail(`Proxy ${describeProxy(proxy)} sent an oversized answer to CONNECT`, 'EPROXY');
        return;
      }
      socket.off('data', onData);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
      if (status !== '200') {
        fail(`Proxy ${describeProxy(proxy)} refused CONNECT ${target}: ${statusLine || 'no status line'}`, status === '407' ? 'EPROXYAUTH' : 'EPROXY');
        return;
      }
      // Bytes after the proxy's answer already belong to the tunnel; a proxy sends none before TLS starts.
      if (end + 4 < head.length) socket.unshift(head.subarray(end + 4));
      settled = true;
      socket.setTimeout(0);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      // Over the tunnel; `host` stays for the certificate check (with a socket given, nothing dials it).
      const secure = tlsConnect({ ...options, socket, servername: options.servername ?? (isIP(options.host ?? '') ? undefined : options.host) });
      done(null, secure);
    };
    socket.on('data', onData);
    return undefined;
  }
}
