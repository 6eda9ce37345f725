import type { Migration } from './migration.js';
import initial from './0001-initial.js';
import responses from './0002-responses.js';
import routing from './0003-routing.js';
import usage from './0004-usage.js';
import cache from './0005-cache.js';
import usageWriteCost from './0006-usage-write-cost.js';
import usageFilterIndexes from './0007-usage-filter-indexes.js';
import videos from './0008-videos.js';
import auditLog from './0009-audit-log.js';
import hiddenModels from './0010-hidden-models.js';

/**
 * Every migration, in version order. Explicit on purpose: a migration exists only once it is listed
 * here, and nothing registers itself as an import side effect. Append; never edit a shipped entry.
 */
export const migrations: readonly Migration[] = [initial, responses, routing, usage, cache, usageWriteCost, usageFilterIndexes, videos, auditLog, hiddenModels];

export type { Migration } from './migration.js';
