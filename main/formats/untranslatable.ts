import { invalidRequest } from '../errors/gateway-error.js';
import type { ChatRequest, JsonObject } from '../spec/index.js';

/**
 * What a decoded request could not say in canonical terms (vendor-hosted tools, their items in the
 * history, vendor file ids). Decoding keeps going, because passthrough to an upstream of the same
 * format needs none of it translated; translating for another family checks it first.
 */
export interface Untranslatable {
  /** Where it is, in the validator's path format: `tools[0]`, `messages[3].content[1]`. */
  param: string;
  what: string;
  /**
   * An offered tool: the upstream simply does not get it, and the answer says so in a warning
   * (agents offer hosted tools on every request; refusing them would make the agent unusable).
   * Anything the conversation already relies on cannot be dropped.
   */
  droppable?: boolean;
}

/** Records what a format's decoder could not translate, under that format's own metadata key. */
export function untranslatableMetadata(formatKey: string, items: Untranslatable[], extra: JsonObject = {}): ChatRequest['providerMetadata'] {
  if (items.length === 0 && Object.keys(extra).length === 0) return {};
  return { [formatKey]: { untranslatable: items.map((item) => ({ param: item.param, what: item.what, droppable: item.droppable === true })), ...extra } };
}

export function untranslatableParts(request: ChatRequest, formatKey: string): Untranslatable[] {
  const items = request.providerMetadata[formatKey]?.untranslatable;
  return Array.isArray(items) ? (items as unknown as Untranslatable[]) : [];
}

/**
 * Before translating: throws a 400 naming everything that cannot be carried or dropped, and
 * returns a warning for each offered tool the upstream will not get.
 */
export function checkTranslatable(request: ChatRequest, options: { formatKey: string; formatLabel: string; upstream: string }): string[] {
  const items = untranslatableParts(request, options.formatKey);
  const blocking = items.filter((item) => !item.droppable);
  const first = blocking[0];
  if (first !== undefined) {
    const list = blocking.map((item) => `${item.what} at '${item.param}'`).join('; ');
    throw invalidRequest(
      `This request uses ${options.formatLabel}-only features that cannot be translated for ${options.upstream}: ${list}. ` +
        `Route it to a provider that speaks ${options.formatLabel}, or leave these out.`,
      first.param,
    );
  }
  return items.map((item) => `${item.what} at '${item.param}' is not available from ${options.upstream} and was left out`);
}
