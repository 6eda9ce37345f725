/** Ollama sends arguments as an object; the hub carries them as JSON text. */
export function toolInputText(argumentsValue: unknown): string {
  if (typeof argumentsValue === 'string') return argumentsValue;
  return JSON.stringify(argumentsValue ?? {});
}

/**
 * The hub's argument text as the object Ollama wants. Text that is not a JSON object (a model can
 * produce broken JSON) is passed on as the text it is, not replaced by something else.
 */
export function toolArgumentsValue(input: string): unknown {
  if (input.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // Falls through to the text itself.
  }
  return input;
}
