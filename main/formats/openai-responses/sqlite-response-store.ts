import type { Message } from '../../spec/index.js';
import type { ResponsesRepo } from '../../store/responses-repo.js';
import type { ResponseStore, StoredResponse } from './response-store.js';

/** The router's ResponseStore: SQLite, so `previous_response_id` survives restarts. */
export function sqliteResponseStore(repo: ResponsesRepo): ResponseStore {
  return {
    get(id) {
      const record = repo.get(id);
      return record && { id: record.id, model: record.model, createdAt: record.createdAt, messages: record.messages as Message[] };
    },
    put(id, record: StoredResponse) {
      repo.put({ id, model: record.model, createdAt: record.createdAt, messages: record.messages });
    },
  };
}
