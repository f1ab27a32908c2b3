/**
 * Errors the user is meant to read. Anything thrown as an ExplorerError reaches the user with
 * its message intact (CLI stderr, renderer banner, HTTP body); anything else is a bug and is
 * reported as "internal error" by the shells.
 */
export class ExplorerError extends Error {
  constructor(
    /** Stable, machine-readable code, e.g. "unknown-word", "db-corrupt". */
    readonly code: string,
    message: string,
    /** Structured extras for the UI (e.g. spelling suggestions). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ExplorerError';
  }
}

export function isExplorerError(e: unknown): e is ExplorerError {
  return e instanceof Error && typeof (e as ExplorerError).code === 'string' && e.name === 'ExplorerError';
}

/** Turns any thrown value into the wire shape; non-user errors keep their text but get a generic code. */
export function toWireError(e: unknown): { code: string; message: string; details?: unknown } {
  if (isExplorerError(e)) return { code: e.code, message: e.message, details: e.details };
  if (e instanceof Error && (e as { code?: unknown }).code === 'invalid-request') {
    return { code: 'invalid-request', message: e.message };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Internal error: ${message}` };
}
