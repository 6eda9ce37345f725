import type { ErrorEncoder } from '../client-format.js';

/** The management API's own envelope: `{error: {message, code, requestId, param?}}`. */
export const managementErrors: ErrorEncoder = {
  renderError(error, requestId) {
    return {
      status: error.status,
      headers: error.headers,
      body: { error: { message: error.message, code: error.code, requestId, ...(error.param ? { param: error.param } : {}), ...error.details } },
    };
  },
  streamErrorEvent(error) {
    return `event: error\ndata: ${JSON.stringify({ error: { message: error.message, code: error.code } })}\n\n`;
  },
};
