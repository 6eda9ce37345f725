/**
 * The bare proxy: the least work any Node router must do for an OpenAI-format request (read the
 * body, parse it, rewrite `model`, serialise it, forward it over a keep-alive agent, pipe the answer
 * back with its status and content type). Its cost is the floor the router is compared with.
 */
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareProxyOptions {
  /** Upstream base URL including `/v1`, as the simulator reports it. */
  upstreamUrl: string;
  upstreamApiKey: string;
  host?: string;
  port?: number;
}

export interface BareProxy {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startBareProxy(options: BareProxyOptions): Promise<BareProxy> {
  const upstream = new URL(options.upstreamUrl);
  const upstreamBasePath = upstream.pathname.replace(/\/$/, '');
  const agent = new Agent({ keepAlive: true });
  const authorization = `Bearer ${options.upstreamApiKey}`;

  const forward = (clientRequest: IncomingMessage, clientResponse: ServerResponse, body: Buffer): void => {
    let payload: Buffer;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { model?: unknown };
      // Clients address `provider/model`; the upstream knows only `model`.
      if (typeof parsed.model === 'string') parsed.model = parsed.model.slice(parsed.model.indexOf('/') + 1);
      payload = Buffer.from(JSON.stringify(parsed), 'utf8');
    } catch {
      sendError(clientResponse, 400, 'request body is not JSON');
      return;
    }
    const upstreamRequest = request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: clientRequest.method,
        path: upstreamBasePath + (clientRequest.url ?? '/').replace(/^\/v1/, ''),
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          accept: clientRequest.headers.accept ?? 'application/json',
          authorization,
        },
      },
      (upstreamResponse) => {
        const headers: Record<string, string> = {};
        const contentType = upstreamResponse.headers['content-type'];
        if (contentType !== undefined) headers['content-type'] = contentType;
        clientResponse.writeHead(upstreamResponse.statusCode ?? 502, headers);
        upstreamResponse.pipe(clientResponse);
      },
    );
    upstreamRequest.on('error', () => {
      if (!clientResponse.headersSent) sendError(clientResponse, 502, 'upstream unreachable');
      else clientResponse.destroy();
    });
    // A client that goes away must not leave the upstream call running.
    clientResponse.on('close', () => {
      if (!clientResponse.writableFinished) upstreamRequest.destroy();
    });
    upstreamRequest.end(payload);
  };

  const server = createServer((clientRequest, clientResponse) => {
    const chunks: Buffer[] = [];
    clientRequest.on('data', (chunk: Buffer) => chunks.push(chunk));
    clientRequest.on('end', () => forward(clientRequest, clientResponse, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));

  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: { message, type: 'bare_proxy_error' } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
