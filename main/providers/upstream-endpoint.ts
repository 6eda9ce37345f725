import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { connectAgent, describeProxy, destroyProxyAgents, proxyAuthorization } from './upstream-proxy.js';

/**
 * A provider account's upstream, parsed once when the catalog loads so the request path never
 * parses URLs or merges header objects.
 */
export interface UpstreamEndpoint {
  /** Provider name, for error messages. */
  provider: string;
  secure: boolean;
  hostname: string;
  port: number;
  /** Path prefix of the base URL without a trailing slash, e.g. `/v1`. */
  basePath: string;
  /**
   * What every call sends, as node:http's flat `[name, value, ...]` list (names in lower case):
   * `host`, then the account's static headers (authentication, vendor headers). node:http sends
   * such a list as it is, where a headers object costs a validated setHeader() per header on every
   * request.
   */
  headerList: readonly string[];
  /** The account's key, kept only to mask it wherever an upstream echoes it back. */
  credential: string | undefined;
  agent: HttpAgent;
  /**
   * The proxy calls go through (its address, for messages), or undefined when they go direct. An
   * https upstream is reached through a CONNECT tunnel (the agent's); an http one by asking the
   * proxy (`hostname`/`port` are the proxy's, `basePath` the absolute URL).
   */
  via: string | undefined;
}

// One keep-alive pool per protocol. LIFO reuse keeps the hottest sockets busy and lets idle ones
// age out, which lowers the chance of reusing a socket the upstream is about to close.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });

export function createEndpoint(options: {
  provider: string;
  baseUrl: string;
  headers: Record<string, string>;
  credential?: string | undefined;
  /** The proxy to go through (see upstream-proxy.ts `proxyFor`); direct when undefined. */
  proxy?: URL | undefined;
}): UpstreamEndpoint {
  const url = new URL(options.baseUrl);
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const basePath = url.pathname.replace(/\/+$/, '');
  const direct: UpstreamEndpoint = {
    provider: options.provider,
    secure,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    basePath,
    headerList: headerListOf(options.headers, url.host),
    credential: options.credential,
    agent: secure ? httpsAgent : httpAgent,
    via: undefined,
  };
  const proxy = options.proxy;
  if (!proxy) return direct;
  if (secure) return { ...direct, agent: connectAgent(proxy), via: describeProxy(proxy) };
  // Plain http through a proxy: the request goes to the proxy, with the upstream's absolute URL.
  const headerList = [...direct.headerList];
  const authorization = proxyAuthorization(proxy);
  if (authorization) setHeader(headerList, 'proxy-authorization', authorization);
  return {
    ...direct,
    hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: Number(proxy.port || 80),
    basePath: `http://${url.host}${basePath}`,
    headerList,
    via: describeProxy(proxy),
  };
}

/** `host` (as the URL names it, port included unless default) unless the headers name one, then the headers. */
function headerListOf(headers: Record<string, string>, host: string): string[] {
  const list: string[] = [];
  for (const [name, value] of Object.entries(headers)) setHeader(list, name.toLowerCase(), value);
  if (headerIndex(list, 'host') === -1) list.unshift('host', host);
  return list;
}

/** Sets a header in a flat `[name, value, ...]` list: replaces the value of `name` (lower case), or appends it. */
export function setHeader(list: string[], name: string, value: string): void {
  const index = headerIndex(list, name);
  if (index === -1) list.push(name, value);
  else list[index + 1] = value;
}

/** Where header `name` (lower case) sits in a flat `[name, value, ...]` list; -1 when it is not there. Values are never taken for names. */
function headerIndex(list: readonly string[], name: string): number {
  for (let index = 0; index < list.length; index += 2) if (list[index] === name) return index;
  return -1;
}

/** Closes idle pooled sockets (at shutdown, so the process can exit). */
export function destroyUpstreamAgents(): void {
  httpAgent.destroy();
  httpsAgent.destroy();
  destroyProxyAgents();
}
