import type { App } from '../app.js';

/** Runs a one-shot command with a built app and closes it after. */
export type WithApp = <T>(fn: (app: App) => Promise<T>) => Promise<T>;
