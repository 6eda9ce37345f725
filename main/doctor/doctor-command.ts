import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { listBackupFiles } from '../backups/backup-files.js';
import type { CommandOutput } from '../backups/backup-commands.js';
import type { ServeOptions } from '../cli-options.js';
import { secretNames } from '../gateway/secret-names.js';
import { unusableProxyVariables, proxyConfig } from '../providers/upstream-proxy.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { DATABASE_FILE_NAME } from '../store/db.js';
import { inspectDatabase, type DatabaseInspection } from '../store/inspect-database.js';
import { ProviderAccountsRepo } from '../store/provider-accounts-repo.js';
import { ProvidersRepo } from '../store/providers-repo.js';

/** One finding: fine, worth knowing, or in the way of a working router. */
export interface Check {
  status: 'ok' | 'warn' | 'fail';
  name: string;
  detail: string;
  /** What to do about a warning or a failure. */
  fix?: string;
}

const marks: Record<Check['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

/**
 * `omniroute doctor`: checks what `omniroute serve` needs, without starting it or changing
 * anything (the database is opened read-only and never migrated): the data directory and its
 * permissions, the database's health and schema, the secret store and the management token, every
 * provider key, the port, the upstream proxy, and the backups. Exit status 1 when a check fails.
 */
export async function doctorCommand(options: ServeOptions, env: Readonly<Record<string, string | undefined>>, output: CommandOutput): Promise<number> {
  const checks: Check[] = [];
  checks.push(...dataDirectoryChecks(options.dataDir));
  const database = openReadOnly(options.dataDir, checks);
  const secrets = await secretStoreCheck(options.dataDir, env, checks);
  if (secrets) await tokenCheck(secrets, env, checks);
  if (database) {
    if (secrets) await providerKeyChecks(database, secrets, checks);
    database.close();
  }
  checks.push(await portCheck(options));
  checks.push(...proxyChecks(env));
  checks.push(backupCheck(options.dataDir));

  output.out(`OmniRoute doctor: ${options.dataDir}\n`);
  for (const check of checks) {
    output.out(`  ${marks[check.status]}  ${check.name}: ${check.detail}\n`);
    if (check.fix && check.status !== 'ok') output.out(`        ${check.fix}\n`);
  }
  const failed = checks.filter((check) => check.status === 'fail').length;
  const warned = checks.filter((check) => check.status === 'warn').length;
  output.out(failed > 0 ? `${failed} problem(s) stop the router from working; fix them and run omniroute doctor again.\n` : warned > 0 ? `No blocking problem; ${warned} warning(s) above.\n` : 'Everything looks fine.\n');
  return failed > 0 ? 1 : 0;
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function dataDirectoryChecks(dataDir: string): Check[] {
  if (!fs.existsSync(dataDir)) return [{ status: 'ok', name: 'data directory', detail: 'not created yet; the first start creates it (mode 0700)' }];
  const checks: Check[] = [];
  const mode = modeOf(dataDir);
  checks.push(
    mode & 0o077
      ? { status: 'warn', name: 'data directory', detail: `mode ${mode.toString(8)}: others can list it`, fix: `chmod 700 ${dataDir}` }
      : { status: 'ok', name: 'data directory', detail: `mode ${mode.toString(8)}` },
  );
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (fs.existsSync(file) && modeOf(file) & 0o077) {
    checks.push({ status: 'warn', name: 'database file', detail: `mode ${modeOf(file).toString(8)}: others can read it`, fix: `chmod 600 ${file} (the router also tightens it at start)` });
  }
  return checks;
}

function openReadOnly(dataDir: string, checks: Check[]): BetterSqlite3.Database | undefined {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) {
    checks.push({ status: 'ok', name: 'database', detail: 'none yet; the first start creates it' });
    return undefined;
  }
  const restoreFix = `Restore a backup with omniroute restore (without a name it lists them), or move ${file} aside to start empty.`;
  let database: BetterSqlite3.Database | undefined;
  let inspection: DatabaseInspection;
  try {
    database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    inspection = inspectDatabase(database);
  } catch (error) {
    database?.close();
    checks.push({ status: 'fail', name: 'database', detail: `cannot be read: ${(error as Error).message}`, fix: restoreFix });
    return undefined;
  }
  if (inspection.health !== 'ok') {
    database.close();
    checks.push({ status: 'fail', name: 'database', detail: `damaged: ${inspection.health}`, fix: restoreFix });
    return undefined;
  }
  const known = inspection.knownVersion;
  // No migrations table: an empty file; the first start builds the schema.
  const version = inspection.schemaVersion ?? 0;
  if (version > known) {
    checks.push({ status: 'fail', name: 'database', detail: `schema version ${version} comes from a newer OmniRoute (this one knows up to ${known})`, fix: 'Install the newer OmniRoute, or use another --data-dir.' });
    database.close();
    return undefined;
  }
  checks.push({ status: 'ok', name: 'database', detail: version < known ? `intact; schema ${version}, brought up to ${known} at the next start` : `intact; schema ${version}` });
  return version === known ? database : (database.close(), undefined);
}

async function secretStoreCheck(dataDir: string, env: Readonly<Record<string, string | undefined>>, checks: Check[]): Promise<SecretStore | undefined> {
  try {
    const store = await openSecretStore({ dataDir, env });
    checks.push({ status: 'ok', name: 'secret store', detail: store.kind === 'keychain' ? 'the OS keychain answers' : 'the encrypted file store opens with OMNIROUTE_SECRETS_KEY' });
    return store;
  } catch (error) {
    checks.push({ status: 'fail', name: 'secret store', detail: (error as Error).message.split('\n')[0] ?? 'not usable', fix: (error as Error).message.split('\n').slice(1).join(' ') || undefined });
    return undefined;
  }
}

async function tokenCheck(secrets: SecretStore, env: Readonly<Record<string, string | undefined>>, checks: Check[]): Promise<void> {
  const fromEnv = env.OMNIROUTE_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    checks.push(fromEnv.length >= 16 ? { status: 'ok', name: 'management token', detail: 'from OMNIROUTE_ADMIN_TOKEN' } : { status: 'fail', name: 'management token', detail: 'OMNIROUTE_ADMIN_TOKEN is shorter than 16 characters', fix: 'Use a longer token.' });
    return;
  }
  const stored = await secrets.get(secretNames.adminToken);
  checks.push({ status: 'ok', name: 'management token', detail: stored ? 'kept in the secret store' : 'none yet; the first start makes one and prints the sign-in link' });
}

async function providerKeyChecks(database: BetterSqlite3.Database, secrets: SecretStore, checks: Check[]): Promise<void> {
  const providers = new ProvidersRepo(database).list();
  const accounts = new ProviderAccountsRepo(database);
  const missing: string[] = [];
  let keyed = 0;
  for (const provider of providers) {
    for (const account of accounts.listByProvider(provider.id)) {
      if (!account.secretRef) continue;
      keyed += 1;
      if ((await secrets.get(account.secretRef)) === undefined) missing.push(`${provider.name} (${account.label})`);
    }
  }
  if (missing.length > 0) {
    checks.push({ status: 'warn', name: 'provider keys', detail: `not in the secret store: ${missing.join(', ')}`, fix: 'Set them again: Providers page, Replace key / Set key, or PUT /api/providers/{id} {"apiKey": ...}.' });
  } else {
    checks.push({ status: 'ok', name: 'provider keys', detail: `${providers.length} provider(s), ${keyed} key(s), all in the secret store` });
  }
}

async function portCheck(options: ServeOptions): Promise<Check> {
  const name = `port ${options.host}:${options.port}`;
  if (options.port === 0) return { status: 'ok', name, detail: 'any free port is taken at start' };
  const free = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen(options.port, options.host, () => server.close(() => resolve(undefined)));
  });
  if (!free) return { status: 'ok', name, detail: 'free' };
  if (free.code !== 'EADDRINUSE') return { status: 'fail', name, detail: `cannot listen: ${free.code ?? free.message}`, fix: 'Choose another --host or --port.' };
  let ours = false;
  try {
    const answer = await fetch(`http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}/api/init`, { signal: AbortSignal.timeout(2000) });
    ours = answer.status === 401 && /"code":"unauthorized"/.test(await answer.text());
  } catch {
    // Not an HTTP server, or not answering.
  }
  return ours
    ? { status: 'ok', name, detail: 'in use by a running OmniRoute' }
    : { status: 'fail', name, detail: 'in use by another program', fix: 'Stop it, or start OmniRoute with --port (PORT) set to a free port.' };
}

function proxyChecks(env: Readonly<Record<string, string | undefined>>): Check[] {
  const checks: Check[] = unusableProxyVariables(env).map((variable) => ({
    status: 'warn' as const,
    name: 'upstream proxy',
    detail: `${variable} is ignored: only http:// proxies are supported`,
    fix: 'Point it at an http:// proxy, or unset it.',
  }));
  const config = proxyConfig({ url: null, noProxy: [] }, env);
  if (checks.length === 0) {
    const proxy = config.https ?? config.http;
    checks.push({ status: 'ok', name: 'upstream proxy', detail: proxy ? `from the environment: ${proxy.host} (the upstreamProxy setting, when set, wins)` : 'none in the environment (the upstreamProxy setting may name one)' });
  }
  return checks;
}

function backupCheck(dataDir: string): Check {
  const newest = listBackupFiles(dataDir)[0];
  if (!newest) return { status: 'warn', name: 'backups', detail: 'none yet', fix: 'omniroute backup makes one now; a running router makes one daily.' };
  const hours = Math.floor((Date.now() - newest.createdAt) / 3_600_000);
  return hours > 48
    ? { status: 'warn', name: 'backups', detail: `newest is ${Math.floor(hours / 24)} days old (${newest.id})`, fix: 'omniroute backup makes one now.' }
    : { status: 'ok', name: 'backups', detail: `newest ${newest.id}` };
}
