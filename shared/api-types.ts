/**
 * Management API DTOs (`/api/*`), shared by the server and the renderer. Secrets never appear
 * here: provider keys go in once (`apiKey` on create/update) and never come back out.
 */

/** Upstream families that chat: each is one adapter in main/providers/. */
export type ChatFamily = 'openai' | 'anthropic' | 'gemini' | 'openai-responses' | 'ollama';

/** Upstream families: the chat families, and Deepgram, which transcribes and speaks. */
export type ProviderFamily = ChatFamily | 'deepgram';

export interface ProviderDto {
  id: string;
  /** The model prefix: clients ask for `name/model`. */
  name: string;
  /** The family or preset id the provider was created with. */
  kind: string;
  family: ProviderFamily;
  baseUrl: string;
  /** Models configured by the user. */
  models: string[];
  /** Models last listed by the upstream itself. */
  discoveredModels: string[];
  /** Models left out of the model lists clients read (`/api/provider-models`); still routable by name. */
  hiddenModels: string[];
  enabled: boolean;
  accounts: ProviderAccountDto[];
  createdAt: string;
  updatedAt: string;
}

export interface ProviderAccountDto {
  id: string;
  label: string;
  /** Whether a key is stored in the keychain for this account; the key itself is never returned. */
  hasApiKey: boolean;
  priority: number;
  enabled: boolean;
  createdAt: string;
}

export interface ProviderTestResultDto {
  ok: boolean;
  /** HTTP status the upstream answered with, when it answered. */
  status: number | null;
  latencyMs: number;
  message: string;
  modelCount: number | null;
}

/**
 * `POST /api/providers/validate`: the provider as it would be created (nothing is saved), and what
 * the upstream said to its key (`test` null when `test: false` was asked).
 */
export interface ProviderValidationDto {
  valid: true;
  name: string;
  kind: string;
  family: ProviderFamily;
  baseUrl: string;
  test: (ProviderTestResultDto & { models: string[] }) | null;
}

/** What a model is for, as far as OmniRoute can tell: which endpoint serves it. */
export type ModelType = 'chat' | 'embedding' | 'image' | 'transcription' | 'speech';

/** `GET /api/models/catalog`: every model by provider and type, with what else a client can name as `model`. */
export interface ModelCatalogDto {
  providers: {
    provider: string;
    kind: string;
    family: ProviderFamily;
    enabled: boolean;
    models: {
      /** What a client sends as `model`. */
      id: string;
      /** The upstream's own name. */
      model: string;
      type: ModelType;
      /** `configured` on the provider, or `discovered` from the upstream's list. */
      source: 'configured' | 'discovered';
      /** Left out of the model lists clients read (`/api/provider-models`). */
      hidden: boolean;
      /** USD per million tokens, when a price is known. */
      price: { input: number; output: number } | null;
    }[];
  }[];
  aliases: { alias: string; model: string }[];
  combos: { name: string; strategy: string; enabled: boolean; targets: string[] }[];
}

export interface ProviderModelsDto {
  object: 'list';
  data: { id: string; object: 'model'; owned_by: string }[];
  /** `upstream` when the list was just fetched; `configured` when the upstream could not be asked. */
  source: 'upstream' | 'configured';
  error?: string;
}

export interface ApiKeyDto {
  id: string;
  name: string;
  /** A recognisable fragment such as `sk-omni-abcd…wxyz`; the full key is shown only at creation. */
  preview: string;
  models: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiKeyDto extends ApiKeyDto {
  /** The full key. Returned once, by `POST /api/keys`, and never again. */
  key: string;
}

/** Error envelope of the management API. */
export interface ManagementErrorDto {
  error: { message: string; code: string; requestId: string; param?: string };
}

/** One model of a provider, as `/api/provider-models` lists it. */
export interface ProviderModelDto {
  /** `provider/model`, what clients send. */
  id: string;
  provider: string;
  model: string;
  source: 'configured' | 'discovered';
  hidden: boolean;
}

/** `GET /api/compliance/audit-log`: management changes and refusals, newest first. */
export interface AuditLogDto {
  data: {
    id: number;
    /** ISO time. */
    at: string;
    /** `token` (the management token), `session` (the dashboard) or `none` (not signed in). */
    actor: 'token' | 'session' | 'none';
    method: string;
    path: string;
    status: number;
    /** The peer's address; a tunnel's requests come from the tunnel daemon on this machine. */
    address: string;
    origin: string | null;
  }[];
  total: number;
}
