import { z } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The one place the app takes zod from: its `mini` build, with English messages installed.
 *
 * zod's classic API puts some fifty methods on every schema object (`.optional()`, `.min()`...) as
 * closures of its own, about 8 KB per schema; the router builds several hundred schemas as its
 * modules load, so that was megabytes of an idle router's memory. `zod/mini` validates with the
 * same core and the same messages, with functions instead of methods: `z.optional(schema)`,
 * `schema.check(z.minLength(1))`.
 *
 * zod declares itself free of side effects, so a bundler drops the call that would install its
 * English messages and every issue would read "Invalid input". Installed here, once, explicitly.
 */
z.config(en());

export { z };
