import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiKeyRecord, ProviderAccountRecord, ProviderRecord } from '../../main/store/types.js';

/** A fresh directory under the OS temp dir; the store tests use real files, never `:memory:`. */
export function createTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'omniroute-store-'));
}

export function removeTempDir(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}

export function providerRecord(overrides: Partial<ProviderRecord> = {}): ProviderRecord {
  return {
    id: 'prv_groq',
    name: 'groq',
    kind: 'groq',
    family: 'openai',
    baseUrl: 'https://api.groq.com/openai/v1',
    models: ['llama-3.3-70b-versatile'],
    discoveredModels: [],
    enabled: true,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

export function accountRecord(overrides: Partial<ProviderAccountRecord> = {}): ProviderAccountRecord {
  return {
    id: 'acc_main',
    providerId: 'prv_groq',
    label: 'main',
    secretRef: 'provider-account:acc_main',
    priority: 0,
    enabled: true,
    createdAt: 1_000,
    ...overrides,
  };
}

export function apiKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: 'key_laptop',
    name: 'laptop',
    keyHash: 'a'.repeat(64),
    keyPreview: 'sk-omni-abcd…wxyz',
    models: null,
    createdAt: 1_000,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}
