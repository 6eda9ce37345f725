import { Router, type Request } from 'express';
import { notFound } from './not-found.js';

/** A table of records with ids, as the management API exposes it. */
export interface RecordTable<Record> {
  /** What one record is called in a 404, e.g. `combo`. */
  what: string;
  list(): Record[];
  get(id: string): Record | undefined;
  delete(id: string): boolean;
  toDto(record: Record): unknown;
  /** Called after a record was deleted, e.g. to reload an in-memory view. */
  afterChange(): void;
}

/**
 * `GET /` (`{data: [...]}`), `GET /:id` and `DELETE /:id` (204) for a table of records; the caller
 * adds its own POST and PUT, using `find` for the 404.
 */
export function recordRoutes<Record>(table: RecordTable<Record>): { router: Router; find: (req: Request) => Record } {
  const router = Router();
  const find = (req: Request): Record => {
    const id = String(req.params.id);
    const record = table.get(id);
    if (record === undefined) throw notFound(table.what, id);
    return record;
  };
  router.get('/', (_req, res) => {
    res.json({ data: table.list().map((record) => table.toDto(record)) });
  });
  router.get('/:id', (req, res) => {
    res.json(table.toDto(find(req)));
  });
  router.delete('/:id', (req, res) => {
    const id = String(req.params.id);
    if (!table.delete(id)) throw notFound(table.what, id);
    table.afterChange();
    res.status(204).end();
  });
  return { router, find };
}
