/**
 * One path under test (direct, bare proxy, router): where to send an OpenAI chat completion and
 * with which headers and bodies. Bodies are serialised once so the load generator does the same
 * small amount of work for every path.
 */
export type PathName = 'direct' | 'bare' | 'router';

export interface Endpoint {
  name: PathName;
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  nonStreamingBody: Buffer;
  streamingBody: Buffer;
}

/** A prompt of realistic size for a coding agent's short turn (a system line and a question). */
const messages = [
  { role: 'system', content: 'You are a concise coding assistant. Answer in plain text, without code fences unless asked.' },
  {
    role: 'user',
    content:
      'In a Node.js HTTP proxy, why should the upstream connection use a keep-alive agent, and what happens to latency ' +
      'and CPU when every request opens a new TCP connection instead? Keep the answer to two sentences.',
  },
];

export function createEndpoint(name: PathName, port: number, model: string, apiKey: string): Endpoint {
  const body = (stream: boolean): Buffer =>
    Buffer.from(
      JSON.stringify({
        model,
        messages,
        temperature: 0.2,
        max_tokens: 128,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    );
  return {
    name,
    host: '127.0.0.1',
    port,
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    nonStreamingBody: body(false),
    streamingBody: body(true),
  };
}
