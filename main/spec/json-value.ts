/** A JSON value. */
export type JsonValue = null | string | number | boolean | JsonObject | JsonValue[];
export type JsonObject = { [key: string]: JsonValue | undefined };

/**
 * Vendor data with no neutral home (thinking signatures, `cache_control`, Responses reasoning
 * items, Gemini thought signatures), keyed by upstream family or client format, restored on the
 * way out by the translator that understands it.
 */
export type ProviderMetadata = Record<string, JsonObject>;
