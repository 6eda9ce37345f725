import assert from 'node:assert/strict';
import OpenAI from 'openai';

/** Awaits an OpenAI SDK call that must fail, and returns the APIError it raised. */
export async function openAiFailure(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, `expected an APIError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}
