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

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && typeof v.$typed === 'string' && typeof v.b64 === 'string' && v.$typed in KINDS) {
      const bytes = fromBase64(v.b64);
      const Ctor = KINDS[v.$typed as Kind];
      return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
    return v;
  }) as T;
}
