import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Latest } from '../../../renderer/src/app/latest';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('Latest', () => {
  it('drops an answer overtaken by a newer request, whatever the order they resolve in', async () => {
    const latest = new Latest();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const a = latest.run(() => slow.promise);
    const b = latest.run(() => fast.promise);
    fast.resolve('second');
    slow.resolve('first');
    expect(await a).toBeUndefined();
    expect(await b).toBe('second');
  });

  it('only the last of any number of requests delivers, for any resolution order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n }))),
        async ([n, order]) => {
          const latest = new Latest();
          const gates = Array.from({ length: n }, () => deferred<number>());
          const runs = gates.map((g) => latest.run(() => g.promise));
          for (const i of order) gates[i].resolve(i);
          const got = await Promise.all(runs);
          expect(got).toEqual(Array.from({ length: n }, (_, i) => (i === n - 1 ? n - 1 : undefined)));
        },
      ),
    );
  });

  it('aborts the previous signal on begin, and cancel aborts the current one', () => {
    const latest = new Latest();
    const first = latest.begin();
    expect(first.aborted).toBe(false);
    const second = latest.begin();
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    latest.cancel();
    expect(second.aborted).toBe(true);
  });

  it('swallows errors of a stale request and passes on errors of the current one', async () => {
    const latest = new Latest();
    const stale = deferred<number>();
    const a = latest.run(() => stale.promise);
    const b = latest.run(() => Promise.reject(new Error('current failed')));
    stale.reject(new Error('stale failed'));
    expect(await a).toBeUndefined();
    await expect(b).rejects.toThrow('current failed');
  });

  it('a cancelled request resolves to undefined', async () => {
    const latest = new Latest();
    const gate = deferred<number>();
    const a = latest.run(() => gate.promise);
    latest.cancel();
    gate.resolve(1);
    expect(await a).toBeUndefined();
  });
});
