import type { ClientFormatId } from '../formats/client-format.js';
import { quotedKeyFinder, skipJsonSpace, valueAfterKey } from '../util/json-bytes.js';
import { isJsonObject } from './json-object.js';

/**
 * Whether a chat request's answer may be cached:
 * - `cache`: deterministic (temperature 0), or any request when `cacheNonDeterministic` is on;
 * - `sampled`: samples (temperature absent or above 0), so a repeat deserves a new answer;
 * - `excluded`: never cached, whatever the settings: several answers per request (`n`,
 *   `candidateCount`), or a Responses request that reads or starts server-side state
 *   (`previous_response_id`, `conversation`, `background`), whose answer depends on more than its body.
 *
 * Tools do not matter: at temperature 0 an agent's request, tool results included, is a pure
 * function of its body, which is the key.
 */
export type CacheDecision = 'cache' | 'sampled' | 'excluded';

export function cacheDecision(format: ClientFormatId, body: Record<string, unknown>, cacheNonDeterministic: boolean): CacheDecision {
  const { temperature, excluded } = readSampling(format, body);
  if (excluded) return 'excluded';
  return temperature === 0 || cacheNonDeterministic ? 'cache' : 'sampled';
}

interface Sampling {
  temperature: unknown;
  excluded: boolean;
}

function readSampling(format: ClientFormatId, body: Record<string, unknown>): Sampling {
  switch (format) {
    case 'openai-chat':
      return { temperature: body.temperature, excluded: isAbove(body.n, 1) };
    case 'openai-responses':
      return {
        temperature: body.temperature,
        excluded: body.previous_response_id != null || body.conversation != null || body.background === true,
      };
    case 'gemini': {
      const config = objectOf(body.generationConfig ?? body.generation_config);
      return { temperature: config.temperature, excluded: isAbove(config.candidateCount ?? config.candidate_count, 1) };
    }
    case 'ollama':
      return { temperature: objectOf(body.options).temperature, excluded: false };
    case 'anthropic-messages':
      return { temperature: body.temperature, excluded: false };
    default:
      return { temperature: undefined, excluded: true };
  }
}

function isAbove(value: unknown, limit: number): boolean {
  return typeof value === 'number' && value > limit;
}

function objectOf(value: unknown): Record<string, unknown> {
  return isJsonObject(value) ? value : {};
}

const findTemperature = quotedKeyFinder('temperature');
const temperatureKeyLength = '"temperature"'.length;

/**
 * A cheap test on the raw body, before any parsing: whether some `"temperature"` key holds 0.
 * False means no request field says temperature 0, so a request is not deterministic and need not
 * be parsed here (agents send large bodies). True may still be a nested key: the parsed body decides.
 */
export function mayHaveZeroTemperature(raw: Buffer): boolean {
  for (let at = findTemperature(raw, 0); at !== -1; at = findTemperature(raw, at + 1)) {
    let index = valueAfterKey(raw, at + temperatureKeyLength);
    if (index === -1) continue;
    if (raw[index] === 0x2d) index += 1; // '-'
    if (raw[index] !== 0x30) continue; // '0'
    index += 1;
    if (raw[index] === 0x2e) {
      // 0.0, 0.00, ...
      index += 1;
      while (raw[index] === 0x30) index += 1;
    }
    const after = raw[skipJsonSpace(raw, index)];
    if (after === 0x2c || after === 0x7d) return true; // ',' or '}'
  }
  return false;
}
