import type { GatewayError } from '../errors/gateway-error.js';

/** Client wire formats: each is a folder under main/formats/. */
export type ClientFormatId = 'openai-chat' | 'management';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** How one client format shows failures to its clients. */
export interface ErrorEncoder {
  /** A whole error response, sent before any byte of an answer. */
  renderError(error: GatewayError, requestId: string): RenderedError;
  /** One stream event that tells a client mid-stream that the answer failed. */
  streamErrorEvent(error: GatewayError): string;
}
