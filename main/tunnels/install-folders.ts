import { posix, win32 } from 'node:path';
import type { InstallFolderContext } from './tunnel-kind.js';

/**
 * Where package managers and installers put command-line programs, for every tunnel kind:
 * Homebrew (Intel and Apple silicon), distribution packages, snaps, per-user bins; on Windows,
 * WinGet's links folder and Chocolatey's shims. `programFolder` adds the kind's own folder under
 * Program Files on Windows.
 */
export function commonInstallFolders(context: InstallFolderContext, programFolder?: string): string[] {
  if (context.platform === 'win32') {
    const join = win32.join;
    const programFiles = [context.env.ProgramFiles, context.env['ProgramFiles(x86)']].filter((folder): folder is string => Boolean(folder));
    return [
      ...(programFolder ? programFiles.map((folder) => join(folder, programFolder)) : []),
      ...(context.env.LOCALAPPDATA ? [join(context.env.LOCALAPPDATA, 'Microsoft', 'WinGet', 'Links')] : []),
      join(context.env.ProgramData ?? 'C:\\ProgramData', 'chocolatey', 'bin'),
    ];
  }
  const join = posix.join;
  return ['/usr/local/bin', '/opt/homebrew/bin', '/usr/bin', '/snap/bin', join(context.home, '.local', 'bin'), join(context.home, 'bin')];
}
