import assert from 'node:assert/strict';
import type { ManagementErrorDto } from '../../shared/api-types.js';

/** Asserts a management API error: status, the `{error}` envelope, its code and param; returns the error. */
export async function expectManagementError(response: Response, status: number, code: string, param?: string): Promise<ManagementErrorDto['error']> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text) as ManagementErrorDto;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code, text);
  assert.equal(body.error.requestId, response.headers.get('x-request-id'));
  assert.equal(body.error.param, param, text);
  assert.ok(body.error.message.length > 0);
  return body.error;
}

/** Reads a JSON body after asserting the status (the body is in the failure message). */
export async function expectJson<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

/** Asserts that each `[method, path]` is refused with 401 when the admin token is missing (bodies sent as `{}`). */
export async function expectAdminOnly(url: string, requests: readonly (readonly [method: string, path: string])[]): Promise<void> {
  for (const [method, path] of requests) {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json' }, ...(hasBody ? { body: '{}' } : {}) });
    await expectManagementError(response, 401, 'unauthorized');
  }
}
