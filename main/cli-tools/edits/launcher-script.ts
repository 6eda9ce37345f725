/** POSIX single quoting: safe for any value, including quotes and `$`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `export NAME='value'` lines for a shell profile or a terminal. */
export function exportLines(variables: Record<string, string>): string[] {
  return Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
}

/**
 * A launcher for a tool that only reads environment variables: sets them and execs the tool,
 * so the user's shell profile stays untouched and the tool runs unchanged without it.
 */
export function launcherScript(toolName: string, command: string, variables: Record<string, string>): string {
  return [
    '#!/bin/sh',
    `# Written by OmniRoute: starts ${toolName} with the router's settings. "Restore" removes it.`,
    ...exportLines(variables),
    `exec ${shellQuote(command)} "$@"`,
    '',
  ].join('\n');
}
