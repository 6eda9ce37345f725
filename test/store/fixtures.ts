import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { openStore, type Store } from '../../main/store/index.js';
import type { ApiKeyRecord, ProviderAccountRecord, ProviderRecord } from '../../main/store/types.js';

/** A fresh directory under the OS temp dir; the store tests use real files, never `:memory:`. */
export function createTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'omniroute-store-'));
}

export function removeTempDir(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}

/**
 * Gives each test of the calling suite a real store in a fresh temporary directory, handed to
 * `onOpen`, and closes and removes it after the test. Returns `reopen`, which closes the store and
 * opens the same directory again (handed to `onOpen` too), for what must survive a restart.
 */
export function storePerTest(onOpen: (store: Store) => void): () => void {
  let dataDir = '';
  let store: Store | undefined;
  const open = (): void => {
    store = openStore({ dataDir });
    onOpen(store);
  };
  beforeEach(() => {
    dataDir = createTempDir();
    open();
  });
  afterEach(() => {
    store?.close();
    removeTempDir(dataDir);
  });
  return () => {
    store?.close();
    open();
  };
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
    hiddenModels: [],
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
