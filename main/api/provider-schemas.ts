import { z } from '../../shared/zod.js';

const providerName = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, "name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it becomes the model prefix)"));
const baseUrl = z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' });
const apiKey = z.string().check(z.trim(), z.minLength(1), z.maxLength(8192));
const models = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(256))).check(z.maxLength(2000));

export const createProviderSchema = z.strictObject({
  name: providerName,
  kind: z.string().check(z.minLength(1)),
  baseUrl: z.optional(baseUrl),
  apiKey: z.optional(apiKey),
  models: z.optional(models),
  enabled: z.optional(z.boolean()),
});

/** `POST /api/providers/validate`: a provider as it would be created, and whether to try its key (default yes). */
export const validateProviderSchema = z.strictObject({
  ...createProviderSchema.def.shape,
  test: z.optional(z.boolean()),
});

export const updateProviderSchema = z.strictObject({
  name: z.optional(providerName),
  baseUrl: z.optional(baseUrl),
  /** A new key for the provider's first account; null removes it. */
  apiKey: z.optional(z.nullable(apiKey)),
  models: z.optional(models),
  enabled: z.optional(z.boolean()),
});

export const createAccountSchema = z.strictObject({
  label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  apiKey: z.optional(apiKey),
  priority: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1000))),
});
