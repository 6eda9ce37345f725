import { z } from './zod.js';

/**
 * Routing configuration shared by the server and the renderer: combos, model aliases (plain and
 * wildcard) and routing policies, as the management API takes and returns them.
 */

/** How a combo picks among its targets. */
export const comboStrategies = ['priority', 'round-robin', 'weighted', 'least-latency', 'cost-optimized', 'fill-first', 'random'] as const;
export type ComboStrategy = (typeof comboStrategies)[number];

/** Longest chain of alias rewrites and nested combos a model may go through before reaching a provider. */
export const maxRouteDepth = 8;
/** Most targets one combo may list. */
export const maxComboTargets = 32;

/** Combo names are used as a model, so they never contain `/` (that would read as `provider/model`). */
export const comboNameSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{1,100}$/, "name must be 1-100 letters, digits, '.', '_', '-' or ':' (no '/': the name is used as a model)"));

/** A model as a client would name it: `provider/model`, an alias, or a combo's name. */
const modelReferenceSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'model must not be empty'), z.maxLength(256), z.regex(/^[^\s*]+$/, 'model must not contain spaces or *'));

export const comboTargetSchema = z.strictObject({
  model: modelReferenceSchema,
  /** Share of requests under the `weighted` strategy; ignored by the others. */
  weight: z._default(z.number().check(z.int(), z.positive(), z.maximum(1_000_000)), 1),
});
export type ComboTarget = z.output<typeof comboTargetSchema>;

const strategySchema = z.enum(comboStrategies, { error: `strategy must be one of: ${comboStrategies.join(', ')}` });
const targetsSchema = z
  .array(comboTargetSchema)
  .check(z.minLength(1, 'a combo needs at least one target'), z.maxLength(maxComboTargets, `a combo takes at most ${maxComboTargets} targets`));

/** `POST /api/combos`. */
export const createComboSchema = z.strictObject({
  name: comboNameSchema,
  strategy: strategySchema,
  targets: targetsSchema,
  enabled: z.optional(z.boolean()),
});
export type CreateComboInput = z.input<typeof createComboSchema>;

/** `PUT /api/combos/{id}`: any subset of the fields. */
export const updateComboSchema = z.partial(createComboSchema);
export type UpdateComboInput = z.input<typeof updateComboSchema>;

/** A combo: a named group of targets, usable as a model. */
export interface ComboDto {
  /** `cmb_` + random. */
  id: string;
  name: string;
  strategy: ComboStrategy;
  targets: ComboTarget[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Targets that no longer resolve (e.g. their provider was deleted), one sentence each; empty when fine. */
  problems: string[];
}

/**
 * `POST /api/models/alias`. A plain alias renames one model; a wildcard route (`alias` and
 * `model` both ending in `/*`) rewrites a whole prefix: `anthropic/*` -> `claude-pro/*` sends
 * `anthropic/claude-x` to `claude-pro/claude-x`.
 */
export const modelAliasSchema = z
  .strictObject({
    alias: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'alias must not be empty'),
        z.maxLength(256),
        z.regex(/^[^\s*]+(\/\*)?$/, "alias must not contain spaces, and '*' only as a final '/*' (a wildcard route)"),
      ),
    model: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'model must not be empty'),
        z.maxLength(256),
        z.regex(/^[^\s*]+(\/\*)?$/, "model must not contain spaces, and '*' only as a final '/*' (a wildcard route)"),
      ),
  })
  .check(
    z.superRefine((value, context) => {
      const aliasWildcard = isWildcardAlias(value.alias);
      if (aliasWildcard !== isWildcardAlias(value.model)) {
        context.addIssue({
          code: 'custom',
          path: ['model'],
          message: aliasWildcard
            ? `a wildcard route maps a prefix to a prefix: model must end in '/*' too (e.g. '${value.alias}' -> 'other-provider/*')`
            : "model may end in '/*' only when alias does too (a wildcard route)",
        });
      } else if (value.alias === value.model) {
        context.addIssue({ code: 'custom', path: ['model'], message: 'an alias cannot point to itself' });
      }
    }),
  );
export type ModelAliasDto = z.output<typeof modelAliasSchema>;

/** Whether an alias is a wildcard route (`prefix/*`). */
export function isWildcardAlias(alias: string): boolean {
  return alias.endsWith('/*');
}

const providerListSchema = z
  .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)))
  .check(z.minLength(1, 'list at least one provider'), z.maxLength(100));
const modelPatternSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(256), z.regex(/^\S+$/, 'a model pattern has no spaces'));
const tokenCountSchema = z.number().check(z.int(), z.minimum(0), z.maximum(100_000_000));

/** Which requests a policy applies to; every given condition must hold, an empty match holds always. */
export const policyMatchSchema = z
  .strictObject({
    /** Client API key ids (`key_...`). */
    apiKeyIds: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(500))),
    /** Model patterns as the client sent the model; `*` matches any run of characters (`gpt-*`, `*`). */
    models: z.optional(z.array(modelPatternSchema).check(z.minLength(1), z.maxLength(500))),
    /** Tags from the request header `X-OmniRoute-Tag` (comma-separated); any one matching is enough. */
    tags: z.optional(
      z
        .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64), z.regex(/^[^,\s]+$/, 'a tag has no commas or spaces')))
        .check(z.minLength(1), z.maxLength(100)),
    ),
    /** Inclusive bounds on the estimated input tokens of the request. */
    minInputTokens: z.optional(tokenCountSchema),
    maxInputTokens: z.optional(tokenCountSchema),
  })
  .check(
    z.refine((match) => match.minInputTokens === undefined || match.maxInputTokens === undefined || match.minInputTokens <= match.maxInputTokens, {
      path: ['maxInputTokens'],
      message: 'maxInputTokens must not be below minInputTokens',
    }),
  );
export type PolicyMatch = z.output<typeof policyMatchSchema>;

/** What a matching policy does: limit the providers a request may reach, or send it to another model. */
export const policyActionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('allow-providers'), providers: providerListSchema }),
    z.strictObject({ type: z.literal('deny-providers'), providers: providerListSchema }),
    z.strictObject({ type: z.literal('route'), model: modelReferenceSchema }),
  ],
  { error: "action.type must be one of: allow-providers, deny-providers, route" },
);
export type PolicyAction = z.output<typeof policyActionSchema>;

/** `POST /api/policies`. */
export const createPolicySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  enabled: z.optional(z.boolean()),
  /** Lower runs first; ties go to the older policy. */
  priority: z.optional(z.number().check(z.int(), z.minimum(-1_000_000), z.maximum(1_000_000))),
  match: z.optional(policyMatchSchema),
  action: policyActionSchema,
});
export type CreatePolicyInput = z.input<typeof createPolicySchema>;

/** `PUT /api/policies/{id}`: any subset of the fields. */
export const updatePolicySchema = z.partial(createPolicySchema);
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;

export interface PolicyDto {
  /** `pol_` + random. */
  id: string;
  name: string;
  enabled: boolean;
  priority: number;
  match: PolicyMatch;
  action: PolicyAction;
  createdAt: string;
  updatedAt: string;
}
