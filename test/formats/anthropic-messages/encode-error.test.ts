import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError, invalidRequest } from '../../../main/errors/gateway-error.js';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';

const { errors } = anthropicMessagesFormat;

describe('anthropic-messages errors', () => {
  it('renders the Anthropic envelope with the request id in body and header', () => {
    const rendered = errors.renderError(invalidRequest("Invalid 'max_tokens': max_tokens is required", 'max_tokens'), 'req_123');
    assert.deepEqual(rendered, {
      status: 400,
      headers: { 'request-id': 'req_123' },
      body: { type: 'error', error: { type: 'invalid_request_error', message: "Invalid 'max_tokens': max_tokens is required" }, request_id: 'req_123' },
    });
  });

  it('picks the error type from the status as Anthropic documents it', () => {
    const cases: [number, string][] = [
      [400, 'invalid_request_error'],
      [401, 'authentication_error'],
      [402, 'billing_error'],
      [403, 'permission_error'],
      [404, 'not_found_error'],
      [409, 'invalid_request_error'],
      [413, 'request_too_large'],
      [422, 'invalid_request_error'],
      [429, 'rate_limit_error'],
      [500, 'api_error'],
      [502, 'api_error'],
      [503, 'api_error'],
      [504, 'timeout_error'],
      [529, 'overloaded_error'],
    ];
    for (const [status, type] of cases) {
      const body = errors.renderError(new GatewayError({ code: 'upstream_error', status, message: 'm' }), 'req_1').body as { error: { type: string } };
      assert.equal(body.error.type, type, String(status));
    }
  });

  it('forwards headers the error carries, such as retry-after', () => {
    const error = new GatewayError({ code: 'rate_limited', status: 429, message: 'Slow down', headers: { 'retry-after': '7' } });
    assert.deepEqual(errors.renderError(error, 'req_9').headers, { 'retry-after': '7', 'request-id': 'req_9' });
  });

  it("renders an Anthropic upstream's envelope verbatim", () => {
    const upstreamBody = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded', details: null }, request_id: 'req_upstream' };
    const error = new UpstreamHttpError({ code: 'upstream_error', status: 529, message: "Provider 'claude' answered 529", upstreamBody });
    const rendered = errors.renderError(error, 'req_ours');
    assert.equal(rendered.status, 529);
    assert.equal(rendered.body, upstreamBody);
    assert.equal(rendered.headers['request-id'], 'req_ours');
  });

  it('uses its own envelope when the upstream body is not an Anthropic one', () => {
    const error = new UpstreamHttpError({ code: 'upstream_error', status: 400, message: 'Bad tool schema', upstreamBody: { error: { message: 'x', type: 'invalid_request_error' } } });
    assert.deepEqual(errors.renderError(error, 'r').body, { type: 'error', error: { type: 'invalid_request_error', message: 'Bad tool schema' }, request_id: 'r' });
  });

  it('writes a stream error as one `event: error`', () => {
    const event = errors.streamErrorEvent(new GatewayError({ code: 'upstream_timeout', status: 504, message: 'The provider stopped answering.' }));
    assert.equal(event, 'event: error\ndata: {"type":"error","error":{"type":"timeout_error","message":"The provider stopped answering."}}\n\n');
  });
});
