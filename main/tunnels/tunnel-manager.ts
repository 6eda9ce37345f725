import type { TunnelKindId, TunnelState, TunnelStatusDto } from '../../shared/tunnels.js';
import { GatewayError, shuttingDown } from '../errors/gateway-error.js';
import type { ApiKeyIndex } from '../gateway/api-key-index.js';
import type { SettingsService } from '../gateway/settings-service.js';
import type { SecurityPolicy } from '../server/security-policy.js';
import type { AppEvents } from '../util/app-events.js';
import type { Logger } from '../util/logger.js';
import { detectTunnelBinary, type DetectionEnvironment } from './detect-tunnel-binary.js';
import { assertTunnelAllowed } from './exposure-check.js';
import type { TunnelKind, TunnelTarget } from './tunnel-kind.js';
import { TunnelSupervisor } from './tunnel-supervisor.js';
import { defaultTunnelTimings, type TunnelTimings } from './tunnel-timings.js';

export interface TunnelManagerOptions {
  kinds: Readonly<Record<TunnelKindId, TunnelKind>>;
  environment: DetectionEnvironment;
  policy: SecurityPolicy;
  settings: SettingsService;
  apiKeys: ApiKeyIndex;
  events: AppEvents;
  logger: Logger;
  /** Where the router listens, or null before it does. */
  target: () => TunnelTarget | null;
  timings?: Partial<TunnelTimings>;
}

/** A tunnel's runtime state without the install probe: cheap and synchronous, for the tray. */
export interface TunnelRuntime {
  kind: TunnelKindId;
  label: string;
  state: TunnelState;
  publicUrl: string | null;
  lastError: string | null;
}

const apiKeysNoLongerRequired = 'Stopped because "Require API key" was turned off: a tunnel may only run while client API keys are required.';

/**
 * All tunnels of the app. Starting one checks that exposing the router is safe (client API keys
 * required, at least one key); turning `requireApiKey` off stops every tunnel at once. While a
 * tunnel runs, its public host passes the Host check (kept in memory, never in the user's
 * `allowedHosts`) and is marked as a tunnel host, which the management API and dashboard refuse.
 */
export class TunnelManager {
  readonly #supervisors = new Map<TunnelKindId, TunnelSupervisor>();
  readonly #listeners = new Set<() => void>();
  readonly #options: TunnelManagerOptions;
  #closed = false;

  constructor(options: TunnelManagerOptions) {
    this.#options = options;
    const timings = { ...defaultTunnelTimings, ...options.timings };
    for (const kind of Object.values(options.kinds)) {
      this.#supervisors.set(
        kind.id,
        new TunnelSupervisor({
          kind,
          timings,
          prepare: () => this.#prepare(kind),
          onUp: (url) => options.policy.addTunnelHost(new URL(url).hostname),
          onDown: (url) => options.policy.removeTunnelHost(new URL(url).hostname),
          onFailure: (reason, restarting) => this.#reportDown(kind.id, reason, restarting),
          onChange: () => this.#notify(),
        }),
      );
    }
    options.settings.onChange((settings) => {
      if (!settings.requireApiKey) this.#stopExposed();
    });
  }

  isKind(id: string): id is TunnelKindId {
    return this.#supervisors.has(id as TunnelKindId);
  }

  /** Starts a tunnel and resolves once it has its public URL (or rejects with why not). */
  async start(kind: TunnelKindId): Promise<TunnelStatusDto> {
    if (this.#closed) throw shuttingDown();
    await this.#supervisor(kind).start();
    return this.status(kind);
  }

  async stop(kind: TunnelKindId): Promise<TunnelStatusDto> {
    await this.#supervisor(kind).stop();
    return this.status(kind);
  }

  /** Stops every tunnel and refuses new ones: for app shutdown. Leaves no daemon behind. */
  async stopAll(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#supervisors.values()].map((supervisor) => supervisor.stop()));
  }

  /** One tunnel's install probe and runtime state. */
  async status(kind: TunnelKindId): Promise<TunnelStatusDto> {
    const supervisor = this.#supervisor(kind);
    const definition = this.#options.kinds[kind];
    const detection = await detectTunnelBinary(definition, this.#options.environment);
    return {
      kind,
      label: definition.label,
      installed: detection.installed,
      command: detection.command,
      commandPath: detection.commandPath,
      reason: detection.reason,
      installUrl: definition.installUrl,
      installHint: definition.installHint,
      state: supervisor.state,
      running: supervisor.state === 'running',
      publicUrl: supervisor.url,
      apiUrl: supervisor.url === null ? null : `${supervisor.url}/v1`,
      targetUrl: supervisor.targetUrl ?? this.#options.target()?.url ?? null,
      pid: supervisor.pid,
      startedAt: supervisor.startedAt === null ? null : new Date(supervisor.startedAt).toISOString(),
      restarts: supervisor.restarts,
      lastError: supervisor.lastError,
    };
  }

  list(): Promise<TunnelStatusDto[]> {
    return Promise.all([...this.#supervisors.keys()].map((kind) => this.status(kind)));
  }

  /** Every tunnel's state, synchronously (for the tray menu). */
  runtime(): TunnelRuntime[] {
    return [...this.#supervisors.entries()].map(([kind, supervisor]) => ({
      kind,
      label: this.#options.kinds[kind].label,
      state: supervisor.state,
      publicUrl: supervisor.url,
      lastError: supervisor.lastError,
    }));
  }

  /** Calls `listener` after any tunnel's state changes; returns a function that removes it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #prepare(kind: TunnelKind): Promise<{ commandPath: string; target: TunnelTarget }> {
    if (this.#closed) throw shuttingDown();
    assertTunnelAllowed({ requireApiKey: this.#options.settings.current.requireApiKey, apiKeyCount: this.#options.apiKeys.size });
    const detection = await detectTunnelBinary(kind, this.#options.environment);
    if (!detection.commandPath) throw new GatewayError({ code: 'conflict', status: 409, message: detection.reason });
    const target = this.#options.target();
    if (!target) throw new GatewayError({ code: 'unavailable', status: 503, message: 'The router is not listening yet; try again in a moment.' });
    return { commandPath: detection.commandPath, target };
  }

  #stopExposed(): void {
    for (const [kind, supervisor] of this.#supervisors) {
      if (supervisor.state === 'stopped' || supervisor.state === 'error') continue;
      // stop() refuses the tunnel's host synchronously, before any await: no request gets through after this.
      void supervisor.stop(apiKeysNoLongerRequired);
      this.#reportDown(kind, apiKeysNoLongerRequired, false);
    }
  }

  #reportDown(kind: TunnelKindId, reason: string, restarting: boolean): void {
    this.#options.logger.warn('tunnel down', { tunnel: kind, reason, restarting });
    this.#options.events.emit('tunnel-down', { tunnel: kind, reason, restarting });
  }

  #supervisor(kind: TunnelKindId): TunnelSupervisor {
    return this.#supervisors.get(kind)!;
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A listener's failure (the tray, say) is its own; the tunnel carries on.
      }
    }
  }
}
