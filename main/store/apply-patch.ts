/**
 * Returns `record` with every defined field of `patch` applied. Undefined fields are skipped rather
 * than written, so `{ label: undefined }` (common when a DTO has optional fields) changes nothing,
 * while an explicit `null` (e.g. making an account keyless) is applied.
 */
export function applyPatch<T extends object>(record: T, patch: Partial<NoInfer<T>>): T {
  const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
  return { ...record, ...Object.fromEntries(defined) };
}
