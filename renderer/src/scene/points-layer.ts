import { BufferAttribute, BufferGeometry, NormalBlending, Points, ShaderMaterial, Sphere, Vector3 } from 'three';
import type { SceneTheme } from './theme';

/**
 * Every word of the layout as one `THREE.Points` (one draw call). Round, anti-aliased sprites
 * sized in screen pixels (a gentle perspective boost near the camera), frequent words slightly
 * larger, far points faded for depth. Words added from outside the view draw as rings.
 */
const vertex = /* glsl */ `
  attribute float aSize;
  attribute float aFlag;
  attribute vec4 aTint;
  uniform float uScale;
  uniform float uPixelRatio;
  uniform float uFocus;
  uniform float uBoostMax;
  uniform float uWorld;
  uniform float uPxPerUnit;
  varying float vFade;
  varying float vFlag;
  varying float vPx;
  varying vec4 vTint;
  void main() {
    vTint = aTint;
    vec4 mv = modelViewMatrix * vec4(position, 1.0);
    float depth = max(-mv.z, 1e-3);
    float boost = clamp(uFocus / depth, 0.6, uBoostMax);
    // Points also have a size in the world, so they grow as the camera comes close (zoomed
    // into a dense map, fine points would otherwise stay specks); capped so they stay points.
    float world = min(aSize * uWorld * uPxPerUnit / depth, 10.0);
    vPx = max(max(aSize * uScale * boost, world), 1.5) * uPixelRatio;
    gl_PointSize = vPx;
    vFade = 1.0 - 0.55 * smoothstep(uFocus * 0.7, uFocus * 2.4, depth);
    vFlag = aFlag;
    gl_Position = projectionMatrix * mv;
  }
`;

const fragment = /* glsl */ `
  uniform vec3 uColor;
  uniform vec3 uAccent;
  uniform float uAlpha;
  uniform float uDim;
  varying float vFade;
  varying float vFlag;
  varying float vPx;
  varying vec4 vTint;
  void main() {
    float d = length(gl_PointCoord - 0.5) * 2.0;
    float aa = 2.0 / vPx;
    float disc = 1.0 - smoothstep(1.0 - aa, 1.0, d);
    if (disc <= 0.0) discard;
    vec3 color = uColor;
    // Vocabulary labels: a = 1 paints the label colour, a = 2 is a label switched off (faint).
    float tintAlpha = vTint.a > 1.5 ? 0.15 : 1.0;
    if (vTint.a > 0.0 && vTint.a < 1.5) color = mix(color, vTint.rgb, vTint.a);
    if (vFlag > 0.5) {
      // Added from outside the view: a ring in a warm tint of the accent.
      disc *= smoothstep(0.52 - aa, 0.52 + aa, d);
      color = mix(uColor, uAccent, 0.55);
    }
    float dim = vTint.a > 0.5 && vTint.a < 1.5 ? uDim * 0.5 : uDim;
    gl_FragColor = vec4(color, disc * uAlpha * tintAlpha * vFade * (1.0 - dim));
  }
`;

/** Maps above this size get a draw order for drawing part of them while the camera moves (setBudget). */
export const LOD_MIN_POINTS = 60_000;

/** Point indices in a seeded shuffled order: any prefix is an even sample of the whole map. */
export function sampleOrder(n: number, seed = 0x9e3779b9): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    // mulberry32: an LCG's low bits repeat too regularly for an even shuffle.
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

export class PointsLayer {
  readonly object: Points;
  private readonly geometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private count = 0;
  /** The theme's point opacity, and whether the background is dark. */
  private alpha = 1;
  private dark = true;

  constructor(theme: SceneTheme) {
    this.material = new ShaderMaterial({
      vertexShader: vertex,
      fragmentShader: fragment,
      uniforms: {
        uColor: { value: theme.point.clone() },
        uAccent: { value: theme.accent.clone() },
        uAlpha: { value: theme.pointAlpha },
        uDim: { value: 0 },
        uScale: { value: 4 },
        uPixelRatio: { value: 1 },
        uFocus: { value: 3 },
        uBoostMax: { value: 2.4 },
        uWorld: { value: 0 },
        uPxPerUnit: { value: 1 },
      },
      transparent: true,
      depthWrite: false,
      blending: NormalBlending,
    });
    this.alpha = theme.pointAlpha;
    this.dark = theme.dark;
    this.object = new Points(this.geometry, this.material);
    this.object.frustumCulled = false;
  }

  /** Replaces the layout (new word list): allocates buffers once per layout. */
  setLayout(coords: Float32Array, sizes: Float32Array, flags: Uint8Array): void {
    this.count = coords.length / 3;
    this.geometry.setAttribute('position', new BufferAttribute(new Float32Array(coords), 3));
    this.geometry.setAttribute('aSize', new BufferAttribute(sizes, 1));
    this.geometry.setAttribute('aFlag', new BufferAttribute(Float32Array.from(flags), 1));
    this.geometry.setAttribute('aTint', new BufferAttribute(new Float32Array(this.count * 4), 4));
    // Large maps draw through a shuffled index, so that a budget draws an even sample.
    this.geometry.setIndex(this.count > LOD_MIN_POINTS ? new BufferAttribute(sampleOrder(this.count), 1) : null);
    this.geometry.setDrawRange(0, this.count);
    this.geometry.boundingSphere = new Sphere(new Vector3(), 10);
  }

  /** Moves points in place (streamed layouts, placements): no reallocation. */
  updatePositions(coords: Float32Array): void {
    const attr = this.geometry.getAttribute('position') as BufferAttribute | undefined;
    if (!attr || attr.array.length !== coords.length)
      return this.setLayout(coords, new Float32Array(coords.length / 3).fill(1), new Uint8Array(coords.length / 3));
    (attr.array as Float32Array).set(coords);
    attr.needsUpdate = true;
  }

  setFlags(flags: Uint8Array): void {
    const attr = this.geometry.getAttribute('aFlag') as BufferAttribute | undefined;
    if (!attr) return;
    const arr = attr.array as Float32Array;
    for (let i = 0; i < arr.length; i++) arr[i] = flags[i];
    attr.needsUpdate = true;
  }

  /** Per-point label colours, rgba per point (see the fragment shader); null clears them. */
  setTints(tints: Float32Array | null): void {
    const attr = this.geometry.getAttribute('aTint') as BufferAttribute | undefined;
    if (!attr) return;
    const arr = attr.array as Float32Array;
    if (tints && tints.length === arr.length) arr.set(tints);
    else arr.fill(0);
    attr.needsUpdate = true;
  }

  setTheme(theme: SceneTheme): void {
    const u = this.material.uniforms;
    u.uColor.value.copy(theme.point);
    u.uAccent.value.copy(theme.accent);
    this.alpha = theme.pointAlpha;
    this.dark = theme.dark;
    u.uAlpha.value = this.restingAlpha();
  }

  /**
   * Point opacity with every point drawn. On a light background dark points pile up into black
   * cores in dense maps, so above 50,000 points they get fainter (down to 0.35 of the theme's).
   */
  private restingAlpha(): number {
    const density = this.dark || this.count <= 50_000 ? 1 : Math.max(0.35, (50_000 / this.count) ** 0.75);
    return this.alpha * density;
  }

  /**
   * Draws at most `budget` points (an even sample; null: all). A thinner sample draws each point
   * a little stronger so the map keeps its brightness. Only maps with a draw order (above
   * LOD_MIN_POINTS) are thinned.
   */
  setBudget(budget: number | null): number {
    const drawn = this.geometry.index && budget !== null ? Math.max(1, Math.min(this.count, Math.floor(budget))) : this.count;
    this.geometry.setDrawRange(0, drawn);
    this.material.uniforms.uAlpha.value = Math.min(1, this.restingAlpha() * Math.min(1.6, Math.sqrt(this.count / Math.max(1, drawn))));
    return drawn;
  }

  /** 0 = full strength, towards 1 = quieter (when a neighbourhood is highlighted). */
  setDim(dim: number): void {
    this.material.uniforms.uDim.value = dim;
  }

  /**
   * Base point size in CSS pixels, screen DPR, the camera-to-target distance, the points' size in
   * the world (scene units) and CSS pixels per scene unit at depth 1.
   */
  setView(scale: number, pixelRatio: number, focus: number, world = 0, pxPerUnit = 1): void {
    const u = this.material.uniforms;
    u.uScale.value = scale;
    u.uWorld.value = world;
    u.uPxPerUnit.value = pxPerUnit;
    u.uPixelRatio.value = pixelRatio;
    u.uFocus.value = focus;
    // Dense maps: less growth near the camera (fewer overlapping sprites, fewer fragments).
    u.uBoostMax.value = this.count > 20_000 ? 1.6 : 2.4;
  }

  get size(): number {
    return this.count;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
