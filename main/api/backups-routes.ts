import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { restoreBackupSchema, type BackupsListDto, type RestoreAcceptedDto } from '../../shared/backups-types.js';
import { fileStamp } from '../backups/backup-files.js';
import { backupSchedule, InvalidBackupError, keptBackups } from '../backups/backups.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { appVersion } from '../util/app-version.js';
import { tarStream } from '../util/tar.js';
import { fileUploadTypes, mediaTypeOf } from './json-body.js';
import { notFound } from './not-found.js';

/** The largest database `POST /api/db-backups/import` takes. */
const importLimitBytes = 4 * 1024 * 1024 * 1024;

/**
 * `/api/db-backups`, as the OmniRoute API reference lists it: `GET` the backups, `PUT` a backup now,
 * `POST {id}` restore one; `GET /export` the live database as an `.sqlite` file, `GET /exportAll`
 * everything as a `.tar.gz`, `POST /import` an `.sqlite` file to restore. Also `GET|DELETE /{id}`
 * for one backup. A restore is applied by restarting the router (the host's lifecycle), so the
 * database is replaced while nothing has it open.
 */
export function backupsRoutes(context: RouterContext): Router {
  const router = Router();
  const { backups } = context;

  router.get('/', (_req, res) => {
    const list: BackupsListDto = {
      backups: backups.list(),
      restoreAvailable: context.lifecycle !== undefined,
      schedule: { intervalHours: backupSchedule.intervalHours, keep: keptBackups.scheduled },
      retention: { ...keptBackups },
      lastRestore: backups.lastRestore(),
    };
    res.json(list);
  });

  router.put('/', async (_req, res) => {
    res.status(201).json(await backups.create('manual'));
  });

  router.post('/', (req, res) => {
    const lifecycle = requireLifecycle(context);
    const { id } = validateBody(restoreBackupSchema, req.body);
    if (!backups.fileOf(id)) throw notFound('backup', id);
    stage(() => backups.stageRestore(id));
    restartAfterAnswer(context, res, lifecycle, id);
  });

  router.get('/export', async (_req, res) => {
    const file = backups.temporaryFile('export');
    await backups.snapshot(file);
    sendFile(res, file, 'application/vnd.sqlite3', `omniroute-${fileStamp(Date.now())}.sqlite`, true);
  });

  router.get('/exportAll', async (_req, res) => {
    const database = backups.temporaryFile('export');
    await backups.snapshot(database);
    const now = Date.now();
    const manifest = {
      app: 'OmniRoute Desktop',
      version: appVersion,
      createdAt: new Date(now).toISOString(),
      contents: ['omniroute.db: providers, accounts, combos, aliases, policies, API keys (hashed), settings, usage, prices, budgets', 'acp-agents.json: custom ACP agents, when there are any'],
      secrets: 'Not included: provider API keys, OAuth tokens and the management token stay in the OS keychain.',
    };
    const acpAgents = join(context.dataDir, 'acp-agents.json');
    const archive = tarStream([
      { name: 'omniroute.db', file: database, mtimeMs: now },
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mtimeMs: now },
      ...(existsSync(acpAgents) ? [{ name: 'acp-agents.json', file: acpAgents, mtimeMs: statSync(acpAgents).mtimeMs }] : []),
    ]);
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="omniroute-backup-${fileStamp(now)}.tar.gz"`);
    res.once('close', () => rmSync(database, { force: true }));
    await pipeline(archive, createGzip(), res).catch(() => res.destroy());
  });

  router.post('/import', async (req, res) => {
    const lifecycle = requireLifecycle(context);
    const type = mediaTypeOf(req);
    if (!fileUploadTypes.includes(type)) {
      throw new GatewayError({ code: 'invalid_request', status: 415, message: `Send the database file itself as the body, with Content-Type: application/octet-stream (got '${type || 'none'}').` });
    }
    const upload = backups.temporaryFile('upload');
    try {
      await receive(req, upload);
    } catch (error) {
      rmSync(upload, { force: true });
      throw error;
    }
    const adopted = stage(() => backups.adoptUpload(upload));
    stage(() => backups.stageRestore(adopted.id));
    restartAfterAnswer(context, res, lifecycle, adopted.id);
  });

  router.get('/:id', (req, res) => {
    const id = String(req.params.id);
    const file = backups.fileOf(id);
    if (!file) throw notFound('backup', id);
    sendFile(res, file, 'application/vnd.sqlite3', id, false);
  });

  router.delete('/:id', (req, res) => {
    const id = String(req.params.id);
    if (!backups.delete(id)) throw notFound('backup', id);
    res.status(204).end();
  });

  return router;
}

function requireLifecycle(context: RouterContext): NonNullable<RouterContext['lifecycle']> {
  if (!context.lifecycle) throw new GatewayError({ code: 'unavailable', status: 501, message: 'Nothing hosts this router, so it cannot restart to restore a backup.' });
  return context.lifecycle;
}

/** Runs a step of a restore; a file that is not a restorable backup is the client's 400. */
function stage<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof InvalidBackupError) throw invalidRequest(error.message);
    throw error;
  }
}

/** Answers 202, then restarts once the answer has left (closing the server would cut it). */
function restartAfterAnswer(context: RouterContext, res: Response, lifecycle: NonNullable<RouterContext['lifecycle']>, id: string): void {
  context.logger.info('restore requested through the management API; restarting', { backup: id });
  res.once('finish', () => setImmediate(() => void lifecycle.restart().catch(() => undefined)));
  const accepted: RestoreAcceptedDto = { ok: true, action: 'restore', id };
  res.status(202).json(accepted);
}

/** Streams a request body to a file, refusing more than the import limit. */
async function receive(req: Request, file: string): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (declared > importLimitBytes) throw tooLarge();
  let size = 0;
  await pipeline(
    req,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > importLimitBytes) throw tooLarge();
        yield chunk;
      }
    },
    createWriteStream(file, { mode: 0o600 }),
  );
  if (size === 0) throw invalidRequest('The body is empty: send the database file as the body.');
}

function tooLarge(): GatewayError {
  return new GatewayError({ code: 'payload_too_large', status: 413, message: `The database is larger than ${importLimitBytes / 1024 ** 3} GB, the most an import takes.` });
}

function sendFile(res: Response, file: string, type: string, name: string, removeAfter: boolean): void {
  res.setHeader('content-type', type);
  res.setHeader('content-length', statSync(file).size);
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  if (removeAfter) res.once('close', () => rmSync(file, { force: true }));
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
