/**
 * When an account may be used again, from the headers vendors send with a 429 (or with every
 * answer, for the quota windows): the earliest moment any announced limit resets.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * @see https://platform.openai.com/docs/guides/rate-limits (x-ratelimit-reset-*: "6m0s", "1s", "20ms")
 * @see https://docs.anthropic.com/en/api/rate-limits (anthropic-ratelimit-*-reset: RFC 3339)
 */
export function resetTimeFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>, now: number): number | undefined {
  const retryAfterMs = header(headers, 'retry-after-ms');
  if (retryAfterMs !== undefined && Number.isFinite(Number(retryAfterMs))) return now + Math.max(0, Number(retryAfterMs));
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(now, date);
  }
  let latest: number | undefined;
  const consider = (at: number | undefined): void => {
    if (at !== undefined && at > now) latest = latest === undefined ? at : Math.max(latest, at);
  };
  // Without Retry-After, the exhausted limit is unknown: wait for every announced window, so the
  // retry does not hit the one that is still closed.
  for (const name of ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']) {
    const value = header(headers, name);
    if (value !== undefined) consider(now + parseDuration(value));
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('anthropic-ratelimit-') || !name.endsWith('-reset') || typeof value !== 'string') continue;
    const at = Date.parse(value);
    if (Number.isFinite(at)) consider(at);
  }
  return latest;
}

// Header names built once: a name assembled per request is a new string V8 must hash to look up.
const openAiWindows = ['requests', 'tokens'].map((kind) => ({ remaining: `x-ratelimit-remaining-${kind}`, reset: `x-ratelimit-reset-${kind}` }));
const anthropicWindows = ['requests', 'tokens', 'input-tokens', 'output-tokens'].map((kind) => ({
  remaining: `anthropic-ratelimit-${kind}-remaining`,
  reset: `anthropic-ratelimit-${kind}-reset`,
}));

/**
 * The reset of an exhausted window announced on a successful answer (remaining = 0), so the next
 * request goes elsewhere instead of collecting a 429 first.
 */
export function exhaustedWindowReset(headers: Readonly<Record<string, string | string[] | undefined>>, now: number): number | undefined {
  let latest: number | undefined;
  for (const window of openAiWindows) {
    if (header(headers, window.remaining) === '0') {
      const reset = header(headers, window.reset);
      if (reset !== undefined) latest = Math.max(latest ?? 0, now + parseDuration(reset));
    }
  }
  for (const window of anthropicWindows) {
    if (header(headers, window.remaining) === '0') {
      const at = Date.parse(header(headers, window.reset) ?? '');
      if (Number.isFinite(at) && at > now) latest = Math.max(latest ?? 0, at);
    }
  }
  return latest;
}

/** OpenAI's Go-style durations ("1m30s", "250ms", "2h0m0s") and plain seconds; 0 when unreadable. */
export function parseDuration(value: string): number {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  let total = 0;
  let matched = false;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    total += Number(amount) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1);
  }
  return matched ? total : 0;
}

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
