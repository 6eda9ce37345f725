import fs from 'node:fs';

/** Only the owner may list the data directory: it names providers and holds usage history. */
const OWNER_ONLY_DIRECTORY = 0o700;
/** Only the owner may read the database or its WAL/SHM companions, which hold the same data. */
const OWNER_ONLY_FILE = 0o600;
/** Any permission bit for group or others. */
const GROUP_OR_OTHER_BITS = 0o077;

/**
 * Creates the directory (and missing parents) owner-only. An existing directory is left as it is:
 * `--data-dir` may point at a folder the user manages, and the files inside are private anyway.
 */
export function ensurePrivateDirectory(directory: string): void {
  const firstCreated = fs.mkdirSync(directory, { recursive: true, mode: OWNER_ONLY_DIRECTORY });
  // mkdir honours the umask; chmod makes the mode exact whatever the umask is.
  if (firstCreated !== undefined) fs.chmodSync(directory, OWNER_ONLY_DIRECTORY);
}

/**
 * Creates the file owner-only if missing, or tightens it if it exists with looser permissions.
 * Runs before SQLite opens the file so there is no window in which it is readable by others.
 */
export function ensurePrivateFile(file: string): void {
  const descriptor = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, OWNER_ONLY_FILE);
  try {
    tightenIfLoose(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Tightens a file only if it already exists. Used for the `-wal` and `-shm` files, which SQLite
 * creates itself (copying the database file's mode) but a stale copy may predate that.
 */
export function tightenIfPresent(file: string): void {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, fs.constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    tightenIfLoose(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

function tightenIfLoose(descriptor: number): void {
  if ((fs.fstatSync(descriptor).mode & GROUP_OR_OTHER_BITS) !== 0) {
    fs.fchmodSync(descriptor, OWNER_ONLY_FILE);
  }
}
