import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions } from './compare-versions.js';
import type { ToolEnvironment } from './tool-definition.js';

/**
 * Folders where coding tools end up when the user's PATH does not mention them: version managers
 * (nvm, fnm, volta, asdf, mise, bun, pnpm), npm's global prefix, per-user bins and Homebrew.
 * Every Node version under nvm and fnm is listed, newest first, because a global npm install lands
 * in the version that was active at the time.
 */
export function knownInstallDirs(environment: ToolEnvironment): string[] {
  const { home, env } = environment;
  const dirs = [
    ...nodeVersionBins(join(env.NVM_DIR ?? join(home, '.nvm'), 'versions', 'node'), 'bin'),
    ...fnmDirs(environment),
    join(env.VOLTA_HOME ?? join(home, '.volta'), 'bin'),
    join(env.ASDF_DATA_DIR ?? join(home, '.asdf'), 'shims'),
    join(home, '.local', 'share', 'mise', 'shims'),
    join(env.BUN_INSTALL ?? join(home, '.bun'), 'bin'),
    ...(env.PNPM_HOME ? [env.PNPM_HOME] : []),
    join(home, '.local', 'share', 'pnpm'),
    join(home, 'Library', 'pnpm'),
    ...npmPrefixBins(environment),
    join(home, '.npm-global', 'bin'),
    join(home, '.local', 'bin'),
    join(home, 'bin'),
    join(home, '.cargo', 'bin'),
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/home/linuxbrew/.linuxbrew/bin',
    '/usr/bin',
    '/snap/bin',
  ];
  return [...new Set(dirs)];
}

function fnmDirs({ home, env }: ToolEnvironment): string[] {
  const roots = [env.FNM_DIR, join(home, '.local', 'share', 'fnm'), join(home, '.fnm'), join(home, 'Library', 'Application Support', 'fnm')].filter((dir): dir is string => Boolean(dir));
  return roots.flatMap((root) => [join(root, 'aliases', 'default', 'bin'), ...nodeVersionBins(join(root, 'node-versions'), join('installation', 'bin'))]);
}

/** `<root>/<version>/<bin>` for every installed Node version, newest first. */
function nodeVersionBins(root: string, bin: string): string[] {
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return [];
  }
  return versions.sort((a, b) => compareVersions(b, a)).map((version) => join(root, version, bin));
}

/** npm's configured global prefix: `NPM_CONFIG_PREFIX`, else `prefix=` in ~/.npmrc. */
function npmPrefixBins({ home, env, platform }: ToolEnvironment): string[] {
  const prefix = env.NPM_CONFIG_PREFIX ?? env.npm_config_prefix ?? npmrcPrefix(join(home, '.npmrc'), home);
  if (!prefix) return [];
  return [platform === 'win32' ? prefix : join(prefix, 'bin')];
}

function npmrcPrefix(file: string, home: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^\s*prefix\s*=\s*(.+?)\s*$/m.exec(text);
  return match?.[1]?.replace(/^~(?=\/|$)/, home).replace(/^\$\{?HOME\}?/, home);
}
