import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { closeServer, listenOnLoopback } from './simulator-server.js';

/** One request the proxy received: a CONNECT (tunnel) or an absolute-form request it forwarded. */
export interface ProxiedRequest {
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  proxyAuthorization: string | undefined;
}

export interface ProxySimulator {
  url: string;
  port: number;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A forward HTTP proxy on loopback, as corporate networks run them: `CONNECT host:port` opens a
 * tunnel (for https), an absolute-form request (`POST http://host/path`) is forwarded to its host,
 * each one recorded. With `credentials`, anything without the matching `Proxy-Authorization: Basic`
 * gets 407.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-connect
 */
export async function startProxySimulator(options: { credentials?: { user: string; password: string } } = {}): Promise<ProxySimulator> {
  const requests: ProxiedRequest[] = [];
  const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}` : undefined;
  const tunnels = new Set<Socket>();
  const admitted = (req: IncomingMessage): boolean => {
    const authorization = req.headers['proxy-authorization'];
    requests.push({ method: req.method ?? '', target: req.url ?? '', proxyAuthorization: authorization });
    return expected === undefined || authorization === expected;
  };

  const server = createServer((req, res) => {
    if (!admitted(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"', 'content-length': '0' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith('proxy-')));
    const forwarded = request({ host: target.hostname, port: Number(target.port || 80), method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502, { 'content-length': '0' }).end()));
    req.pipe(forwarded);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    if (!admitted(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const match = /^\[?([^\]]+)\]?:(\d+)$/.exec(req.url ?? '');
    const upstream = connect({ host: match?.[1] ?? '', port: Number(match?.[2] ?? 443) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    tunnels.add(upstream);
    upstream.on('close', () => {
      tunnels.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });

  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      for (const socket of tunnels) socket.destroy();
      await closeServer(server);
    },
  };
}
