import { type ApiMethod, type Envelope, METHODS } from '../../common/contract/contract';
import { validators } from '../../common/contract/validate';
import { toWireError } from './errors';
import type { ExplorerService } from './service';

export function isApiMethod(name: string): name is ApiMethod {
  return (METHODS as readonly string[]).includes(name);
}

/**
 * The one path from a shell into the core: validate the untrusted request, call the service,
 * wrap the outcome in an envelope so errors cross the boundary as data, never as exceptions.
 */
export async function dispatch(service: ExplorerService, method: string, request: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `Unknown method "${method}".` } };
    const valid = validators[method](request);
    const fn = service[method] as (req: unknown) => unknown;
    return { ok: true, value: await fn.call(service, valid) };
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  }
}
