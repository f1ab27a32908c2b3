/**
 * The renderer's only door to the core. In Electron it wraps the preload bridge; in a browser
 * tab it speaks the same contract over HTTP with the session cookie. Callers cannot tell which.
 */
import {
  type ApiMethod,
  type ApiResult,
  type BridgeApi,
  type BridgeMethods,
  buildApi,
  type Envelope,
  type ExplorerApi,
  type ExplorerEvent,
} from '../../../common/contract/contract';
import { decodeWire, decodeWireBinary, encodeWireBinary, WIRE_BINARY_TYPE } from '../../../common/contract/wire';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

declare global {
  interface Window {
    explorerBridge?: BridgeApi;
  }
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
}

function httpApi(): ExplorerApi {
  // The session is an HttpOnly cookie set when the start-up link was opened: same-origin
  // requests carry it, and this script never sees it.
  // Binary framing both ways: typed arrays (layouts, views, uploads) travel as raw bytes.
  const headers = { 'Content-Type': WIRE_BINARY_TYPE, Accept: WIRE_BINARY_TYPE };
  const call = async <M extends ApiMethod>(method: M, request?: unknown): Promise<ApiResult<M>> => {
    const body = request === undefined ? new Uint8Array(0) : encodeWireBinary(request);
    const res = await fetch(`/api/${method}`, { method: 'POST', headers, body: body as Uint8Array<ArrayBuffer> });
    if (res.status === 401)
      throw new ApiError(
        'unauthorized',
        'This page has no valid session. Open the address printed by "embedding-explorer serve" (it works once), or restart it for a new one.',
      );
    if (!res.headers.get('content-type')?.startsWith(WIRE_BINARY_TYPE))
      throw new ApiError('http', `Server answered ${res.status}: ${await res.text()}`);
    return unwrap(decodeWireBinary<Envelope<ApiResult<M>>>(await res.arrayBuffer()));
  };
  const listeners = new Set<(e: ExplorerEvent) => void>();
  let started = false;
  const startStream = async () => {
    started = true;
    for (;;) {
      try {
        const res = await fetch('/api/events');
        if (!res.body) throw new Error('no event stream');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (chunk.startsWith('data: ')) {
              const event = decodeWire<ExplorerEvent>(chunk.slice(6));
              for (const l of listeners) l(event);
            }
          }
        }
      } catch {
        // Server restarting or gone: retry quietly; calls will surface real errors.
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  return buildApi(call, (listener: (e: ExplorerEvent) => void) => {
    listeners.add(listener);
    if (!started) void startStream();
    return () => listeners.delete(listener);
  });
}

function bridgeApi(bridge: BridgeApi): ExplorerApi {
  const call = async <M extends ApiMethod>(method: M, request?: unknown): Promise<ApiResult<M>> => {
    const methods: BridgeMethods = bridge;
    const send: (r?: unknown) => Promise<Envelope<ApiResult<M>>> = methods[method];
    return unwrap(await send(request));
  };
  return buildApi(call, (l) => bridge.onEvent(l));
}

let instance: ExplorerApi | undefined;

export function getApi(): ExplorerApi {
  instance ??= window.explorerBridge ? bridgeApi(window.explorerBridge) : httpApi();
  return instance;
}
