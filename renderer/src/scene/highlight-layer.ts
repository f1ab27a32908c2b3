import { BufferAttribute, BufferGeometry, Group, LineBasicMaterial, LineSegments, Points, ShaderMaterial } from 'three';
import type { SceneTheme } from './theme';

/**
 * The query and its neighbours in the one accent colour, drawn over everything (no depth test)
 * with a halo in the background colour so they read over the cloud; thin lines join the query
 * to each neighbour. Also draws the hover ring. Three draw calls at most.
 */
const vertex = /* glsl */ `
  attribute float aKind;
  uniform float uPixelRatio;
  varying float vKind;
  varying float vPx;
  void main() {
    vec4 mv = modelViewMatrix * vec4(position, 1.0);
    vKind = aKind;
    float size = aKind > 1.5 ? 20.0 : (aKind > 0.5 ? 15.0 : 9.0);
    vPx = size * uPixelRatio;
    gl_PointSize = vPx;
    gl_Position = projectionMatrix * mv;
  }
`;

const fragment = /* glsl */ `
  uniform vec3 uAccent;
  uniform vec3 uHalo;
  uniform vec3 uInk;
  varying float vKind;
  varying float vPx;
  void main() {
    float d = length(gl_PointCoord - 0.5) * 2.0;
    float aa = 2.0 / vPx;
    float outer = 1.0 - smoothstep(1.0 - aa, 1.0, d);
    if (outer <= 0.0) discard;
    vec3 color;
    float alpha = outer;
    if (vKind > 1.5) {
      // Hover: a ring in the ink colour, hollow inside.
      float ring = smoothstep(0.72 - aa, 0.72 + aa, d);
      color = uInk;
      alpha *= ring * 0.9;
    } else if (vKind > 0.5) {
      // Query: accent core, halo gap, accent outer ring.
      float core = 1.0 - smoothstep(0.5 - aa, 0.5 + aa, d);
      float gap = 1.0 - smoothstep(0.7 - aa, 0.7 + aa, d);
      color = core > 0.5 ? uAccent : (gap > 0.5 ? uHalo : uAccent);
    } else {
      // Neighbour: accent disc with a halo rim.
      float core = 1.0 - smoothstep(0.62 - aa, 0.62 + aa, d);
      color = mix(uHalo, uAccent, core);
    }
    gl_FragColor = vec4(color, alpha);
  }
`;

export class HighlightLayer {
  readonly object = new Group();
  private readonly markerGeometry = new BufferGeometry();
  private readonly lineGeometry = new BufferGeometry();
  private readonly markerMaterial: ShaderMaterial;
  private readonly lineMaterial: LineBasicMaterial;
  /** Point indices: [query, ...neighbours]; query may be -1 when not in the layout. */
  private indices: number[] = [];
  private query = -1;
  private hover = -1;

  constructor(theme: SceneTheme) {
    this.markerMaterial = new ShaderMaterial({
      vertexShader: vertex,
      fragmentShader: fragment,
      uniforms: {
        uAccent: { value: theme.accent.clone() },
        uHalo: { value: theme.background.clone() },
        uInk: { value: theme.dark ? theme.point.clone().multiplyScalar(1.6) : theme.point.clone() },
        uPixelRatio: { value: 1 },
      },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.lineMaterial = new LineBasicMaterial({
      color: theme.accent,
      transparent: true,
      opacity: 0.5,
      depthTest: false,
      depthWrite: false,
    });
    const lines = new LineSegments(this.lineGeometry, this.lineMaterial);
    const markers = new Points(this.markerGeometry, this.markerMaterial);
    lines.renderOrder = 5;
    markers.renderOrder = 6;
    lines.frustumCulled = false;
    markers.frustumCulled = false;
    this.object.add(lines, markers);
  }

  /** Query point index (or -1) and neighbour point indices. */
  set(query: number, neighbours: number[]): void {
    this.query = query;
    this.indices = neighbours.filter((i) => i >= 0 && i !== query);
  }

  setHover(index: number): void {
    this.hover = index;
  }

  /** Rebuilds the small buffers from the layout's coordinates (called on any change). */
  update(coords: Float32Array): void {
    const markers: number[] = [];
    const kinds: number[] = [];
    const push = (i: number, kind: number) => {
      markers.push(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]);
      kinds.push(kind);
    };
    for (const i of this.indices) push(i, 0);
    if (this.query >= 0) push(this.query, 1);
    if (this.hover >= 0) push(this.hover, 2);
    this.markerGeometry.setAttribute('position', new BufferAttribute(new Float32Array(markers), 3));
    this.markerGeometry.setAttribute('aKind', new BufferAttribute(new Float32Array(kinds), 1));
    const line: number[] = [];
    if (this.query >= 0) {
      const q = this.query * 3;
      for (const i of this.indices) line.push(coords[q], coords[q + 1], coords[q + 2], coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]);
    }
    this.lineGeometry.setAttribute('position', new BufferAttribute(new Float32Array(line), 3));
  }

  setTheme(theme: SceneTheme): void {
    const u = this.markerMaterial.uniforms;
    u.uAccent.value.copy(theme.accent);
    u.uHalo.value.copy(theme.background);
    u.uInk.value.copy(theme.dark ? theme.point.clone().multiplyScalar(1.6) : theme.point);
    this.lineMaterial.color.copy(theme.accent);
  }

  setPixelRatio(ratio: number): void {
    this.markerMaterial.uniforms.uPixelRatio.value = ratio;
  }

  get active(): boolean {
    return this.query >= 0 || this.indices.length > 0;
  }

  dispose(): void {
    this.markerGeometry.dispose();
    this.lineGeometry.dispose();
    this.markerMaterial.dispose();
    this.lineMaterial.dispose();
  }
}
