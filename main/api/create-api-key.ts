import type { CreatedApiKeyDto } from '../../shared/api-types.js';
import { generateApiKey, hashApiKey, previewApiKey } from '../gateway/api-keys.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import type { ApiKeyRecord } from '../store/types.js';
import { apiKeyDto } from './api-key-dto.js';

/**
 * Creates a client API key: only its hash is stored, and the full key is returned this once.
 * Shared by `POST /api/keys` and CLI-tool setup, which makes one for the tool it configures.
 */
export function createApiKey(context: Pick<RouterContext, 'store' | 'apiKeys'>, input: { name: string; models: string[] | null }): CreatedApiKeyDto {
  const key = generateApiKey();
  const record: ApiKeyRecord = {
    id: newId('key'),
    name: input.name,
    keyHash: hashApiKey(key),
    keyPreview: previewApiKey(key),
    models: input.models,
    createdAt: Date.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  context.store.apiKeys.insert(record);
  context.apiKeys.reload();
  return { ...apiKeyDto(record), key };
}
