import assert from 'node:assert/strict';
import type { UsageLogDto } from '../../shared/usage-types.js';
import type { TestRouter } from './start-router.js';

/** The newest usage records (newest first), after flushing the recorder's queue. */
async function usageLogs(router: TestRouter, limit: number): Promise<UsageLogDto[]> {
  router.app.context.usage.flush();
  return ((await (await router.manage('GET', `/api/usage/logs?limit=${limit}`)).json()) as { data: UsageLogDto[] }).data;
}

/** The usage record of one request (by its `x-request-id`), after flushing the recorder's queue. */
export async function usageRecordOf(router: TestRouter, requestId: string | null): Promise<UsageLogDto> {
  const record = (await usageLogs(router, 500)).find((entry) => entry.requestId === requestId);
  assert.ok(record, `a usage record for ${requestId}`);
  return record;
}

/** The newest usage record, for clients whose SDK does not expose the response headers. */
export async function latestUsageRecord(router: TestRouter): Promise<UsageLogDto> {
  const [record] = await usageLogs(router, 1);
  assert.ok(record, 'a usage record');
  return record;
}

/** Every usage record so far (up to 500), newest first. */
export function allUsageRecords(router: TestRouter): Promise<UsageLogDto[]> {
  return usageLogs(router, 500);
}
