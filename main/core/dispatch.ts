import { type ApiMethod, type ApiRequest, type Envelope, isApiMethod, type ServiceApi } from '../../common/contract/contract';
import { validators } from '../../common/contract/validate';
import { toWireError } from './errors';
import type { ExplorerService } from './service';

/** Validates and calls one method; generic, so the validator's output type is the method's request type. */
function invoke<M extends ApiMethod>(service: ServiceApi, method: M, raw: unknown): unknown {
  const validate: (raw: unknown) => ApiRequest<M> = validators[method];
  const fn: (req: ApiRequest<M>) => unknown = service[method];
  return fn.call(service, validate(raw));
}

/**
 * The one path from a shell into the core: validate the untrusted request, call the service,
 * wrap the outcome in an envelope so errors cross the boundary as data, never as exceptions.
 */
export async function dispatch(service: ExplorerService, method: string, request: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `Unknown method "${method}".` } };
    return { ok: true, value: await invoke(service, method, request) };
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  }
}
