import assert from 'node:assert/strict';
import type { UsageLogDto } from '../../shared/usage-types.js';
import type { TestRouter } from './start-router.js';

/** The usage record of one request (by its `x-request-id`), after flushing the recorder's queue. */
export async function usageRecordOf(router: TestRouter, requestId: string | null): Promise<UsageLogDto> {
  router.app.context.usage.flush();
  const logs = (await (await router.manage('GET', '/api/usage/logs?limit=500')).json()) as { data: UsageLogDto[] };
  const record = logs.data.find((entry) => entry.requestId === requestId);
  assert.ok(record, `a usage record for ${requestId}`);
  return record;
}

/** The newest usage record, for clients whose SDK does not expose the response headers. */
export async function latestUsageRecord(router: TestRouter): Promise<UsageLogDto> {
  router.app.context.usage.flush();
  const logs = (await (await router.manage('GET', '/api/usage/logs?limit=1')).json()) as { data: UsageLogDto[] };
  const [record] = logs.data;
  assert.ok(record, 'a usage record');
  return record;
}
