import { describe, expect, it } from 'vitest';
import { SETTLED_EVENT, Settled } from '../../../renderer/src/app/settled';

/** The little of an element Settled uses: a dataset and events. */
function fakeStage(): HTMLElement & { events: number } {
  const target = Object.assign(new EventTarget(), { dataset: {} as DOMStringMap, events: 0 });
  target.addEventListener(SETTLED_EVENT, () => target.events++);
  return target as unknown as HTMLElement & { events: number };
}

describe('Settled', () => {
  it('is settled only when the scene is idle and no tracked work is pending', async () => {
    const stage = fakeStage();
    const s = new Settled(stage);
    expect(s.settled).toBe(true);
    expect(stage.dataset.settled).toBe('true');
    s.sceneActivity(true);
    expect(stage.dataset.settled).toBeUndefined();
    let finish!: () => void;
    const work = s.track(new Promise<void>((r) => (finish = r)));
    s.sceneActivity(false);
    expect(s.settled).toBe(false);
    let resolved = false;
    const waiting = s.whenSettled().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    finish();
    await work;
    await waiting;
    expect(resolved).toBe(true);
    expect(stage.dataset.settled).toBe('true');
    expect(stage.events).toBe(2); // once at construction, once when the work ended
  });

  it('a failed tracked task still settles, and the caller sees its error', async () => {
    const stage = fakeStage();
    const s = new Settled(stage);
    const failing = s.track(Promise.reject(new Error('placement failed')));
    expect(s.settled).toBe(false);
    await expect(failing).rejects.toThrow('placement failed');
    await s.whenSettled();
    expect(s.settled).toBe(true);
  });
});
