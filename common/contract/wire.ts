/**
 * JSON with typed arrays, for the HTTP shell: Float32Array/Int32Array/Uint32Array/Uint8Array
 * become {"$typed": kind, "b64": base64 of their bytes} and come back as the same type.
 * Electron IPC needs none of this (structured clone keeps typed arrays).
 */
const KINDS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  u32: Uint32Array,
  u8: Uint8Array,
} as const;
type Kind = keyof typeof KINDS;

function kindOf(v: unknown): Kind | null {
  for (const k of Object.keys(KINDS) as Kind[]) if (v instanceof KINDS[k]) return k;
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    const kind = kindOf(v);
    if (!kind) return v;
    const t = v as ArrayBufferView;
    return { $typed: kind, b64: toBase64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)) };
  });
}

/** A typed array of `bytes` bytes must hold whole elements. */
function checkWhole(kind: Kind, bytes: number): void {
  if (bytes % KINDS[kind].BYTES_PER_ELEMENT !== 0) {
    throw new Error(`a ${kind} array of ${bytes} bytes is not a whole number of ${KINDS[kind].BYTES_PER_ELEMENT}-byte values`);
  }
}

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && typeof v.$typed === 'string' && typeof v.b64 === 'string' && Object.hasOwn(KINDS, v.$typed)) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(v.b64);
      } catch {
        throw new Error('a typed array is not valid base64');
      }
      const kind = v.$typed as Kind;
      checkWhole(kind, bytes.byteLength);
      const Ctor = KINDS[kind];
      return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
    return v;
  }) as T;
}

/**
 * Binary framing for large payloads (projections, views of 50,000 words): a little-endian
 * uint32 header length, the JSON header, then each typed array's bytes at an 8-byte-aligned
 * offset. Decoding makes views onto the received buffer: no base64, no copy, no long task.
 */
export const WIRE_BINARY_TYPE = 'application/x-explorer-wire';

const align8 = (x: number) => (x + 7) & ~7;

export function encodeWireBinary(value: unknown): Uint8Array {
  const parts: { at: number; bytes: Uint8Array }[] = [];
  let size = 0;
  const json = JSON.stringify(value, (_key, v) => {
    const kind = kindOf(v);
    if (!kind) return v;
    const t = v as ArrayBufferView;
    const at = size;
    parts.push({ at, bytes: new Uint8Array(t.buffer, t.byteOffset, t.byteLength) });
    size = align8(size + t.byteLength);
    return { $typed: kind, at, bytes: t.byteLength };
  });
  const header = new TextEncoder().encode(json);
  const start = align8(4 + header.length);
  const out = new Uint8Array(start + size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  for (const p of parts) out.set(p.bytes, start + p.at);
  return out;
}

export function decodeWireBinary<T>(data: ArrayBuffer | Uint8Array): T {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength < 4) throw new Error('truncated message');
  const length = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (4 + length > bytes.byteLength) throw new Error('truncated message header');
  const start = align8(4 + length);
  // Typed arrays need aligned offsets; copy once if the buffer we were handed is not aligned.
  const base = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const header = new TextDecoder().decode(base.subarray(4, 4 + length));
  return JSON.parse(header, (_key, v) => {
    if (
      v &&
      typeof v === 'object' &&
      typeof v.$typed === 'string' &&
      Object.hasOwn(KINDS, v.$typed) &&
      Number.isInteger(v.at) &&
      Number.isInteger(v.bytes)
    ) {
      const kind = v.$typed as Kind;
      const Ctor = KINDS[kind];
      const offset = start + v.at;
      if (v.at < 0 || v.bytes < 0 || offset + v.bytes > base.byteLength) throw new Error('typed array outside the message');
      // The encoder puts every array at an 8-byte boundary; anything else is not our frame.
      if (v.at % 8 !== 0) throw new Error('typed array at an unaligned offset');
      checkWhole(kind, v.bytes);
      return new Ctor(base.buffer as ArrayBuffer, base.byteOffset + offset, v.bytes / Ctor.BYTES_PER_ELEMENT);
    }
    return v;
  }) as T;
}
