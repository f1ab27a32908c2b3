import { resolveDbPath } from '../core/paths';
import { ExplorerService } from '../core/service';
import type { Values } from './command';

/** Opens the service for a CLI command and shows job progress on stderr. */
export function openService(values: Values): ExplorerService {
  const service = ExplorerService.open({ dbPath: resolveDbPath(values.db as string | undefined) });
  const tty = process.stderr.isTTY;
  let lastLine = '';
  service.jobs.on('job', (job) => {
    const pct = `${Math.floor(job.fraction * 100)}%`;
    if (job.state !== 'running') {
      if (tty) process.stderr.write('\r\x1b[2K');
      if (job.state === 'done') process.stderr.write(`${job.title}: done\n`);
      else if (job.state === 'cancelled') process.stderr.write(`${job.title}: cancelled\n`);
      return;
    }
    const line = `${job.title}: ${job.phase.replace(/ \(.*\)$/, '')} ${pct}`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    else if (line.replace(/\d+%$/, '') !== lastLine.replace(/\d+%$/, '') || job.fraction === 1) process.stderr.write(`${line}\n`);
    lastLine = line;
  });
  return service;
}
