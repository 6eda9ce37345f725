import type { ComboTarget } from '../../../shared/routing.js';

/**
 * Targets as the form shows them: one per line, `model` or `model weight`
 * (`alpha/gpt-4o 3`). A weight of 1 is left out, as it is the default.
 */
export function formatTargets(targets: readonly ComboTarget[]): string {
  return targets.map((target) => (target.weight === 1 ? target.model : `${target.model} ${target.weight}`)).join('\n');
}

/** The form's text as targets, or the line that is not `model` or `model weight`. */
export function parseTargets(text: string): { targets: { model: string; weight?: number }[] } | { error: string } {
  const targets: { model: string; weight?: number }[] = [];
  const lines = text.split('\n').map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const [model = '', weight, ...rest] = line.split(/\s+/);
    if (rest.length > 0 || (weight !== undefined && !/^[1-9][0-9]*$/.test(weight))) {
      return { error: `Line ${index + 1}: write a model, optionally followed by a whole-number weight (e.g. "alpha/gpt-4o 3").` };
    }
    targets.push(weight === undefined ? { model } : { model, weight: Number(weight) });
  }
  if (targets.length === 0) return { error: 'List at least one target, one per line.' };
  return { targets };
}
