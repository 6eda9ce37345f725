import type { ApiKeyDto } from '../../shared/api-types.js';
import type { ApiKeyRecord } from '../store/types.js';

/** A key as the API shows it: never the key or its hash, only its preview. */
export function apiKeyDto(record: ApiKeyRecord): ApiKeyDto {
  return {
    id: record.id,
    name: record.name,
    preview: record.keyPreview,
    models: record.models,
    createdAt: new Date(record.createdAt).toISOString(),
    lastUsedAt: record.lastUsedAt === null ? null : new Date(record.lastUsedAt).toISOString(),
  };
}
