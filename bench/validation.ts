/**
 * Before measuring, one non-streaming and one streaming request per path must come back right:
 * a figure for a path that answers errors fast would be worse than no figure. The direct path also
 * tells what a correct stream looks like (chunk count and content).
 */
import type { ExpectedStream, PathUnderTest } from './context.js';
import { LoadSession } from './load.js';
import { replyText } from './upstream-protocol.js';

export interface Validation {
  ok: boolean;
  detail: string;
  stream?: ExpectedStream;
}

export async function validatePath(path: PathUnderTest, expected?: ExpectedStream): Promise<Validation> {
  const session = await LoadSession.open(path.endpoint, 1).catch((error: Error) => error);
  if (session instanceof Error) return { ok: false, detail: `connection failed: ${session.message}` };
  try {
    const plain = (await session.run({ requests: 1, streaming: false, keepBody: true })).results[0]!;
    if (plain.status !== 200) return { ok: false, detail: `non-streaming: HTTP ${plain.status} ${plain.error ?? plain.content?.slice(0, 300) ?? ''}` };
    const content = readMessageContent(plain.content ?? '');
    if (content !== replyText) return { ok: false, detail: `non-streaming: unexpected content ${JSON.stringify(content)?.slice(0, 200)}` };

    const streamed = (await session.run({ requests: 1, streaming: true })).results[0]!;
    if (streamed.status !== 200) return { ok: false, detail: `streaming: HTTP ${streamed.status} ${streamed.error ?? streamed.content?.slice(0, 300) ?? ''}` };
    if (streamed.sawDone !== true) return { ok: false, detail: 'streaming: no [DONE]' };
    if (streamed.content !== replyText) return { ok: false, detail: `streaming: unexpected content ${JSON.stringify(streamed.content).slice(0, 200)}` };
    const stream = { chunkCount: streamed.chunkCount ?? 0, content: streamed.content };
    if (expected !== undefined && stream.chunkCount !== expected.chunkCount) {
      return { ok: false, detail: `streaming: ${stream.chunkCount} chunks out for ${expected.chunkCount} in` };
    }
    return { ok: true, detail: 'answers match the upstream', stream };
  } finally {
    session.close();
  }
}

function readMessageContent(body: string): unknown {
  try {
    return (JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  } catch {
    return undefined;
  }
}
