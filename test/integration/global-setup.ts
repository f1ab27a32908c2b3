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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-shared-'));
  const dbPath = path.join(dir, 'default.db');
  const service = ExplorerService.open({ dbPath });
  await service.ensureDefaultModel();
  service.close();
  project.provide('defaultDbPath', dbPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
