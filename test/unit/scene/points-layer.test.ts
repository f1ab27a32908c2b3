import { Color } from 'three';
import { describe, expect, it } from 'vitest';
import { PointsLayer } from '../../../renderer/src/scene/points-layer';
import type { SceneTheme } from '../../../renderer/src/scene/theme';

const theme = (dark: boolean): SceneTheme => ({
  background: new Color(dark ? '#0b0e14' : '#f6f7f9'),
  point: new Color('#8593ad'),
  accent: new Color('#ffb547'),
  pointAlpha: dark ? 0.88 : 0.7,
  dark,
});

function layer(n: number, dark: boolean): PointsLayer {
  const points = new PointsLayer(theme(dark));
  points.setLayout(new Float32Array(n * 3), new Float32Array(n).fill(1), new Uint8Array(n));
  return points;
}
const alphaOf = (p: PointsLayer) => (p.object.material as unknown as { uniforms: { uAlpha: { value: number } } }).uniforms.uAlpha.value;

describe('PointsLayer at 200,000 points', () => {
  it('draws every point at rest and an even sample, a little stronger, within a budget', () => {
    const p = layer(200_000, true);
    expect(p.setBudget(null)).toBe(200_000);
    const rest = alphaOf(p);
    expect(p.setBudget(50_000)).toBe(50_000);
    expect(p.object.geometry.drawRange.count).toBe(50_000);
    expect(alphaOf(p)).toBeGreaterThan(rest);
    expect(p.setBudget(null)).toBe(200_000);
    // Small maps have no draw order and are never thinned.
    expect(layer(5000, true).setBudget(100)).toBe(5000);
  });

  it('on a light background, draws a dense map fainter so its cores do not turn black', () => {
    const light = layer(200_000, false);
    light.setBudget(null);
    expect(alphaOf(light)).toBeLessThan(0.7 * 0.5);
    const small = layer(20_000, false);
    small.setBudget(null);
    expect(alphaOf(small)).toBeCloseTo(0.7, 5);
    const dark = layer(200_000, true);
    dark.setBudget(null);
    expect(alphaOf(dark)).toBeCloseTo(0.88, 5);
  });
});
