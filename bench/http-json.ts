/** One-off JSON calls (router configuration, cold-start probes) outside any measured window. */
import { request } from 'node:http';

export interface JsonAnswer {
  status: number;
  text: string;
}

export function callJson(
  url: string,
  method: string,
  options: { headers?: Record<string, string>; body?: unknown; timeoutMilliseconds?: number } = {},
): Promise<JsonAnswer> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...options.headers,
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': payload.length }),
        },
        timeout: options.timeoutMilliseconds ?? 10000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (piece: string) => (text += piece));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${url} timed out`)));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
