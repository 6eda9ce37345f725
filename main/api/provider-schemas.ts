import { z } from 'zod';

const providerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, "name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it becomes the model prefix)");
const baseUrl = z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' });
const apiKey = z.string().trim().min(1).max(8192);
const models = z.array(z.string().trim().min(1).max(256)).max(2000);

export const createProviderSchema = z.strictObject({
  name: providerName,
  kind: z.string().min(1),
  baseUrl: baseUrl.optional(),
  apiKey: apiKey.optional(),
  models: models.optional(),
  enabled: z.boolean().optional(),
});

export const updateProviderSchema = z.strictObject({
  name: providerName.optional(),
  baseUrl: baseUrl.optional(),
  /** A new key for the provider's first account; null removes it. */
  apiKey: apiKey.nullable().optional(),
  models: models.optional(),
  enabled: z.boolean().optional(),
});

export const createAccountSchema = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  apiKey: apiKey.optional(),
  priority: z.number().int().min(0).max(1000).optional(),
});
