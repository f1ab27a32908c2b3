import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ExplorerService } from '../../main/core/service';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A store holding the real default model, imported once per test run. Treat as read-only. */
    defaultDbPath: string;
  }
}

/** Imports the real default model once (through the real worker) for every test file to share. */
export default async function setup(project: TestProject) {
  // One store per test run: the integration and e2e projects both set up, in the same process.
  const dir = path.join(os.tmpdir(), `ee-shared-${process.pid}`);
  const dbPath = path.join(dir, 'default.db');
  if (!fs.existsSync(path.join(dir, 'ready'))) {
    fs.mkdirSync(dir, { recursive: true });
    const service = ExplorerService.open({ dbPath });
    await service.ensureDefaultModel();
    service.close();
    fs.writeFileSync(path.join(dir, 'ready'), '');
  }
  project.provide('defaultDbPath', dbPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
