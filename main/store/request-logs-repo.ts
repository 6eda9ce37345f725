import type { Database } from './database.js';

/** A captured request: bodies already redacted and capped by the request-log sink. */
export interface RequestLogRecord {
  requestId: string;
  createdAt: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
  /** Sizes as received, before capping. */
  requestBytes: number;
  responseBytes: number;
  /** A body was cut at the size cap. */
  truncated: boolean;
}

interface RequestLogRow {
  request_id: string;
  created_at: number;
  request_headers: string;
  request_body: string;
  response_body: string;
  request_bytes: number;
  response_bytes: number;
  truncated: number;
}

/** The `request_logs` table: optional debugging captures, pruned with the usage detail. */
export class RequestLogsRepo {
  readonly #insertMany: (records: readonly RequestLogRecord[]) => void;
  readonly #get;
  readonly #prune;
  readonly #list;
  readonly #count;

  constructor(database: Database) {
    const insert = database.prepare<RequestLogRow>(
      `INSERT OR REPLACE INTO request_logs (request_id, created_at, request_headers, request_body, response_body, request_bytes, response_bytes, truncated)
       VALUES (@request_id, @created_at, @request_headers, @request_body, @response_body, @request_bytes, @response_bytes, @truncated)`,
    );
    this.#insertMany = database.transaction((records: readonly RequestLogRecord[]) => {
      for (const record of records) insert.run(toRow(record));
    });
    this.#get = database.prepare<[string], RequestLogRow>('SELECT * FROM request_logs WHERE request_id = ?');
    this.#prune = database.prepare<[number]>('DELETE FROM request_logs WHERE created_at < ?');
    this.#list = database.prepare<[number, number], RequestLogRow>('SELECT * FROM request_logs ORDER BY created_at DESC, request_id DESC LIMIT ? OFFSET ?');
    this.#count = database.prepare<[], number>('SELECT COUNT(*) FROM request_logs').pluck();
  }

  insertMany(records: readonly RequestLogRecord[]): void {
    if (records.length > 0) this.#insertMany(records);
  }

  get(requestId: string): RequestLogRecord | undefined {
    const row = this.#get.get(requestId);
    return row && fromRow(row);
  }

  /** Newest first. */
  list(options: { limit: number; offset: number }): RequestLogRecord[] {
    return this.#list.all(options.limit, options.offset).map(fromRow);
  }

  count(): number {
    return this.#count.get() ?? 0;
  }

  prune(createdBefore: number): number {
    return this.#prune.run(createdBefore).changes;
  }
}

function toRow(record: RequestLogRecord): RequestLogRow {
  return {
    request_id: record.requestId,
    created_at: record.createdAt,
    request_headers: JSON.stringify(record.requestHeaders),
    request_body: record.requestBody,
    response_body: record.responseBody,
    request_bytes: record.requestBytes,
    response_bytes: record.responseBytes,
    truncated: record.truncated ? 1 : 0,
  };
}

function fromRow(row: RequestLogRow): RequestLogRecord {
  return {
    requestId: row.request_id,
    createdAt: row.created_at,
    requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
    requestBody: row.request_body,
    responseBody: row.response_body,
    requestBytes: row.request_bytes,
    responseBytes: row.response_bytes,
    truncated: row.truncated === 1,
  };
}
