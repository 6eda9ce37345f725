/**
 * One Anthropic server-sent event: the `event:` name always equals the data's `type`. JSON text
 * has no raw line breaks, so the data fits on a single `data:` line.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function sseEvent<Data extends { type: string }>(data: Data): string {
  return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}
