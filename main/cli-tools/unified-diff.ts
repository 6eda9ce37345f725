type Edit = { kind: ' ' | '-' | '+'; line: string };

const context = 3;

/**
 * A unified diff (`diff -u` format) of two texts, for the apply preview. Config files are small, so
 * a plain longest-common-subsequence table is enough. `before` null means the file does not exist.
 */
export function unifiedDiff(path: string, before: string | null, after: string): string {
  if (before === after) return '';
  const edits = diffLines(splitLines(before ?? ''), splitLines(after));
  const header = [`--- ${before === null ? '/dev/null' : `a${path}`}`, `+++ b${path}`];
  return [...header, ...hunks(edits)].join('\n') + '\n';
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Edit[] {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const lengths = new Uint32Array(rows * columns);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * columns + j] = a[i] === b[j] ? (lengths[(i + 1) * columns + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * columns + j] ?? 0, lengths[i * columns + j + 1] ?? 0);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      edits.push({ kind: ' ', line: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * columns + j] ?? 0) >= (lengths[i * columns + j + 1] ?? 0)) {
      edits.push({ kind: '-', line: a[i] ?? '' });
      i += 1;
    } else {
      edits.push({ kind: '+', line: b[j] ?? '' });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) edits.push({ kind: '-', line: a[i] ?? '' });
  for (; j < b.length; j += 1) edits.push({ kind: '+', line: b[j] ?? '' });
  return edits;
}

/** Groups changes with up to three lines of context, merging hunks whose context overlaps. */
function hunks(edits: Edit[]): string[] {
  const changed = edits.flatMap((edit, index) => (edit.kind === ' ' ? [] : [index]));
  const output: string[] = [];
  let cursor = 0;
  while (cursor < changed.length) {
    const first = changed[cursor] ?? 0;
    let last = first;
    while (cursor + 1 < changed.length && (changed[cursor + 1] ?? 0) - last <= context * 2 + 1) {
      cursor += 1;
      last = changed[cursor] ?? last;
    }
    cursor += 1;
    const start = Math.max(0, first - context);
    const end = Math.min(edits.length, last + context + 1);
    const before = edits.slice(0, start);
    const oldStart = before.filter((edit) => edit.kind !== '+').length;
    const newStart = before.filter((edit) => edit.kind !== '-').length;
    const slice = edits.slice(start, end);
    const oldCount = slice.filter((edit) => edit.kind !== '+').length;
    const newCount = slice.filter((edit) => edit.kind !== '-').length;
    output.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...slice.map((edit) => edit.kind + edit.line));
  }
  return output;
}

function range(start: number, count: number): string {
  // diff -u numbers from 1, and an empty range names the line before it.
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}
