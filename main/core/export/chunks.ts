/**
 * Exports are built as a sequence of string pieces (a few hundred rows each) so that a 50,000
 * point export never holds the event loop: consumers pull pieces and yield to the loop between
 * time slices.
 */
export type Chunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Longest stretch of synchronous work before yielding to the event loop, in ms. */
export const SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Re-yields `source`, pausing for the event loop whenever a slice of work ran SLICE_MS. */
export async function* timeSliced(source: Chunks): AsyncGenerator<string | Uint8Array> {
  let start = performance.now();
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield chunk;
    if (performance.now() - start > SLICE_MS) {
      await yieldToLoop();
      start = performance.now();
    }
  }
}

/** Joins all pieces into one string (for downloads), yielding to the loop between slices. */
export async function collectText(source: Chunks): Promise<string> {
  const parts: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of timeSliced(source)) parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
  return parts.join('');
}

/** Rows per piece for row-oriented writers. */
export const ROWS_PER_CHUNK = 500;
