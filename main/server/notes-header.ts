/**
 * Notes for a response header (`x-omniroute-warnings`, `x-omniroute-policies`): `; `-joined,
 * non-ASCII replaced (header values are Latin-1 at best) and capped so a long list cannot bloat
 * every response.
 */
export function notesHeader(notes: readonly string[]): string {
  return notes.join('; ').replace(/[^\x20-\x7e]/g, '?').slice(0, 2000);
}
