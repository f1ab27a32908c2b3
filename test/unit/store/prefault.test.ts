import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { prefaultedBuffer, touchPages } from '../../../main/core/store/prefault';

describe('prefaultedBuffer', () => {
  it('gives small buffers as plain zeroed ArrayBuffers', () => {
    const b = prefaultedBuffer(1 << 20);
    expect(b).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
  });

  it('gives large buffers as shared, zeroed and fully writable', () => {
    const b = prefaultedBuffer(32 << 20);
    expect(b).toBeInstanceOf(SharedArrayBuffer);
    const a = new Float32Array(b);
    expect(a[0]).toBe(0);
    expect(a[a.length - 1]).toBe(0);
    a.fill(1.5);
    expect(a[a.length - 1]).toBe(1.5);
  });

  it('never changes a value already written while it maps the pages', async () => {
    const buffer = new SharedArrayBuffer(24 << 20);
    const a = new Int32Array(buffer);
    for (let i = 0; i < a.length; i++) a[i] = i ^ 0x5a5a5a5a;
    const worker = touchPages(buffer);
    expect(worker).not.toBeNull();
    const [code] = await once(worker!, 'exit');
    expect(code).toBe(0);
    let changed = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== (i ^ 0x5a5a5a5a)) changed++;
    expect(changed).toBe(0);
  });
});
