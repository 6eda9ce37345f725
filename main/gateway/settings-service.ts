import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import type { SettingsRepo } from '../store/settings-repo.js';
import type { Logger } from '../util/logger.js';

/**
 * The live settings: defaults overlaid with what is stored. Read on the request path, so `current`
 * is a plain object swapped whole on update, never a database read.
 */
export class SettingsService {
  current: Settings;
  private readonly listeners: ((settings: Settings) => void)[] = [];

  constructor(
    private readonly repo: SettingsRepo,
    logger: Logger,
  ) {
    const stored = repo.getAll();
    const merged: Record<string, unknown> = { ...defaultSettings };
    for (const [key, value] of Object.entries(stored)) {
      if (!(key in defaultSettings)) continue;
      const field = settingsSchema.shape[key as keyof Settings];
      if (field.safeParse(value).success) merged[key] = value;
      else logger.warn('ignoring an invalid stored setting; using the default', { setting: key });
    }
    this.current = merged as Settings;
  }

  /** Applies a validated patch, persists it in one transaction and notifies listeners. */
  update(patch: SettingsPatch): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    this.repo.setMany(patch as Record<string, unknown>);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): void {
    this.listeners.push(listener);
  }
}
