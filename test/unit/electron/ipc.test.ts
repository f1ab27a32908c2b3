import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { channelOf, METHODS } from '../../../common/contract/contract';

type Handler = (event: unknown, request: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpc } = await import('../../../main/electron/ipc');
const { isTrustedAppSender } = await import('../../../main/electron/app-sender');
type Service = Parameters<typeof registerIpc>[0];

/** A service that records any use: a refused request must never reach the core. */
const reached: string[] = [];
const service = new Proxy(
  {},
  {
    get(_t, prop) {
      if (prop === 'onEvent') return () => () => {};
      if (prop === 'then') return undefined;
      return () => {
        reached.push(String(prop));
        return 'reached';
      };
    },
  },
) as Service;

// A frame as Electron describes it: its URL, and its parent (null for the top frame).
const top = { url: 'app://bundle/index.html', parent: null };
const ours = { senderFrame: top };
const foreign = [
  { name: 'another site', event: { senderFrame: { url: 'https://evil.example/', parent: null } } },
  { name: 'an iframe on our own origin', event: { senderFrame: { url: 'app://bundle/index.html', parent: top } } },
  { name: 'a file:// page', event: { senderFrame: { url: 'file:///tmp/x.html', parent: null } } },
  { name: 'another app host', event: { senderFrame: { url: 'app://evil/index.html', parent: null } } },
  { name: 'a dev server that was not enabled', event: { senderFrame: { url: 'http://localhost:5173/', parent: null } } },
  { name: 'a frame already gone', event: { senderFrame: null } },
];

registerIpc(
  service,
  (event) => isTrustedAppSender(event),
  () => [],
);

/** Payloads no method accepts: wrong types, unknown fields, prototype tricks, oversized values. */
const MALFORMED: [string, unknown][] = [
  ['a string', 'hello'],
  ['a number', 42],
  ['a boolean', true],
  ['an array', [1, 2, 3]],
  ['an unknown field', { notAField: 1 }],
  ['a __proto__ field', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a constructor field', { constructor: 'x' }],
  ['a huge string', 'x'.repeat(5_000_000)],
  ['a function-like object', { toString: 'x', valueOf: 1 }],
];

describe('IPC', () => {
  it('binds one handler per contract method', () => {
    expect([...handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort());
  });

  for (const method of METHODS) {
    describe(method, () => {
      const handler = () => handlers.get(channelOf(method))!;

      it('refuses every foreign sender before looking at the payload', async () => {
        for (const f of foreign) {
          reached.length = 0;
          const r = await handler()(f.event, undefined);
          expect(r, f.name).toEqual({ ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page was refused.' } });
          expect(reached, f.name).toEqual([]);
        }
      });

      it('refuses every malformed payload with a clear error, never reaching the core', async () => {
        for (const [name, payload] of MALFORMED) {
          reached.length = 0;
          const r = await handler()(ours, payload);
          expect(r.ok, `${name}`).toBe(false);
          expect(r.error?.code, name).toBe('invalid-request');
          expect(r.error?.message.length, name).toBeGreaterThan(5);
          expect(reached, name).toEqual([]);
        }
      });

      it('answers generated payloads with an envelope and never throws', async () => {
        await fc.assert(
          fc.asyncProperty(fc.anything({ withNullPrototype: true, withTypedArray: true, withSparseArray: true }), async (payload) => {
            const r = await handler()(ours, payload);
            expect(typeof r.ok).toBe('boolean');
            if (!r.ok) expect(['invalid-request', 'internal']).toContain(r.error?.code);
          }),
          { numRuns: 100 },
        );
      });
    });
  }

  it('passes a well-formed request from our page through to the core', async () => {
    reached.length = 0;
    const r = await handlers.get(channelOf('status'))!(ours, undefined);
    expect(r).toEqual({ ok: true, value: 'reached' });
    expect(reached).toEqual(['status']);
  });
});
