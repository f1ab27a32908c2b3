// Types for packaged-app.mjs (the scripts run as plain JavaScript; the tests import them).
export function packageOutputDir(projectRoot?: string): Promise<string>;
export function findPackagedApp(dist: string, platform?: NodeJS.Platform, fsImpl?: typeof import('node:fs')): string | null;
