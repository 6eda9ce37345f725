import manifest from '../../package.json' with { type: 'json' };

/** The version of this build, from package.json (bundled into dist/, so it holds wherever we run). */
export const appVersion: string = manifest.version;
