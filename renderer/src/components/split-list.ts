/** A list typed one item per line (commas also separate), trimmed, without blanks or repeats. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== ''))];
}
