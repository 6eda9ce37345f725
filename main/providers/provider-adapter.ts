import type { IncomingMessage } from 'node:http';
import type { ProviderFamily } from '../../shared/api-types.js';
import type { Cancellation } from '../util/cancellation.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

/** One native call to an upstream, body already in the upstream's own wire format. */
export interface NativeCall {
  endpoint: UpstreamEndpoint;
  /** Serialized request body, model already rewritten to the upstream's name. */
  body: Buffer;
  cancellation: Cancellation;
  timeoutMs: number;
}

/**
 * An upstream family. Adapters speak HTTP to the vendor and turn its failures into GatewayErrors;
 * they know nothing of clients, routing or fallback.
 */
export interface ProviderAdapter {
  readonly family: ProviderFamily;
  /** Headers that authenticate an account's key with this vendor. */
  authHeaders(apiKey: string): Record<string, string>;
  /**
   * Forwards a chat request in the family's native format and resolves with the upstream's 2xx
   * response, unread. A non-2xx answer rejects with an UpstreamHttpError.
   */
  sendNative(call: NativeCall): Promise<IncomingMessage>;
  /** The upstream's own model list. */
  listModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]>;
}
