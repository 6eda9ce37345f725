/**
 * Compiles model patterns such as `openai/*` or `sim/gpt-4o` into one matcher. `*` matches any
 * run of characters, including `/`; everything else is literal.
 */
export function compileModelPatterns(patterns: string[]): (model: string) => boolean {
  const expressions = patterns.map(
    (pattern) => new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$'),
  );
  return (model) => expressions.some((expression) => expression.test(model));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
