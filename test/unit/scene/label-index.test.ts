import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { LabelIndex } from '../../../renderer/src/scene/label-index';
import { orderByRank } from '../../../renderer/src/scene/layout';
import { ScreenPicker, type ScreenProjector } from '../../../renderer/src/scene/screen-picker';

const N = 200_000;

/** Clustered points with ranks shuffled among them (frequent words everywhere, as in a real map). */
function map(n = N): { coords: Float32Array; ranks: Int32Array } {
  let s = 4242;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const centres = Array.from({ length: 30 }, () => [rnd() * 4 - 2, rnd() * 4 - 2, rnd() * 4 - 2]);
  const coords = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = centres[i % centres.length];
    for (let d = 0; d < 3; d++) coords[i * 3 + d] = c[d] + (rnd() + rnd() + rnd() - 1.5) * 0.4;
  }
  const ranks = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return { coords, ranks };
}

function view(coords: Float32Array, position: [number, number, number], target: [number, number, number] = [0, 0, 0]) {
  const picker = new ScreenPicker();
  picker.width = 1280;
  picker.height = 800;
  picker.setCoords(coords);
  const camera = new PerspectiveCamera(45, 1280 / 800, 0.005, 200);
  camera.position.set(...position);
  camera.lookAt(...target);
  picker.update(camera);
  const focus = Math.hypot(position[0] - target[0], position[1] - target[1], position[2] - target[2]);
  return picker.projector(focus);
}

function onScreen(p: ScreenProjector, candidates: Int32Array): number {
  const out = new Float32Array(3);
  return candidates.filter((i) => p.project(i, out)).length;
}

describe('LabelIndex (level of detail for labels)', () => {
  const { coords, ranks } = map();
  const order = orderByRank(ranks);
  const index = new LabelIndex(coords, order);

  it('offers a bounded number of distinct points, the most frequent word first among them', () => {
    const p = view(coords, [0, 0, 9]);
    const got = index.candidates(p, 2000);
    expect(got.length).toBeGreaterThan(100);
    expect(got.length).toBeLessThanOrEqual(2000);
    expect(new Set(got).size).toBe(got.length);
    // The most frequent word is on screen here, so its cell offers it.
    expect(Array.from(got)).toContain(order[0]);
    // Far away, each cell offers its landmark only: candidates are far more frequent than average.
    const position = new Int32Array(N);
    order.forEach((i, o) => (position[i] = o));
    const meanPosition = got.reduce((sum, i) => sum + position[i], 0) / got.length;
    expect(meanPosition).toBeLessThan(N / 4);
    expect(index.cells).toBeLessThan(N / 10);
  });

  it('offers nothing when the camera looks away from the map (culling)', () => {
    const p = view(coords, [0, 0, 9], [0, 0, 30]);
    expect(index.candidates(p, 2000).length).toBe(0);
  });

  it('zoomed in, offers more words of the region in view and none far off screen', () => {
    const far = view(coords, [0, 0, 9]);
    const near = view(coords, [coords[0], coords[1], coords[2] + 0.6], [coords[0], coords[1], coords[2]]);
    const fromFar = index.candidates(far, 2000);
    const fromNear = index.candidates(near, 2000);
    expect(onScreen(near, fromNear)).toBeGreaterThan(onScreen(near, fromFar) * 3);
    // Every candidate lies in front of the camera, within a cell's reach of the screen.
    const out = new Float32Array(3);
    for (const i of fromNear) {
      near.projectPoint(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2], out);
      expect(out[2]).toBeGreaterThan(-1);
    }
  });

  it('keeps each point once, whatever the layout (a single point, coincident points)', () => {
    const one = new LabelIndex(new Float32Array([0.5, 0.5, 0.5]), Int32Array.from([0]));
    expect(Array.from(one.candidates(view(new Float32Array([0.5, 0.5, 0.5]), [0, 0, 5]), 10))).toEqual([0]);
    const same = new Float32Array(300).fill(0.25);
    const all = new LabelIndex(same, orderByRank(Int32Array.from({ length: 100 }, (_, i) => 99 - i)));
    const got = all.candidates(view(same, [0, 0, 0.3], [0.25, 0.25, 0.25]), 1000);
    expect(got[0]).toBe(99);
    expect(new Set(got).size).toBe(got.length);
  });
});

describe('orderByRank', () => {
  it('orders like a comparator sort with ties by index, at 200,000 points', () => {
    const { ranks } = map();
    ranks[7] = ranks[8];
    const expected = Array.from(ranks.keys()).sort((a, b) => ranks[a] - ranks[b] || a - b);
    expect(Array.from(orderByRank(ranks))).toEqual(expected);
    expect(Array.from(orderByRank(Int32Array.from([3, -2, 3, 0])))).toEqual([1, 3, 0, 2]);
  });
});
