import { type Object3D, PerspectiveCamera, Scene, Vector3, type WebGLRenderer } from 'three';
import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CameraFlight } from './camera-flight';
import { fitPoints } from './camera-fit';
import { HighlightLayer } from './highlight-layer';
import { LabelRepack } from './label-repack';
import { LabelLayer } from './labels';
import { basePointSize, normalizeCoords, orderByRank, sizesFromRanks, worldPointSize } from './layout';
import { MotionBudget } from './motion-budget';
import { PointsLayer } from './points-layer';
import { bindScenePointer } from './scene-pointer';
import { createOrbitControls, createSceneRenderer } from './scene-renderer';
import { ScreenPicker, type ScreenProjector } from './screen-picker';
import { onThemeChange, readTheme } from './theme';

export interface SceneEvents {
  /** Pointer over a point (or -1), with client coordinates for a hover card. */
  hover(index: number, clientX: number, clientY: number): void;
  /** Click (not drag) on a point. */
  pick(index: number): void;
  /** The scene started (true) or stopped (false) having work queued: a frame, a fly-to, a label repack. */
  activity?(busy: boolean): void;
}

/** A layer drawn over the map (analogy arrows, semantic axes): its object joins the scene; `frame` runs after each render. */
export interface SceneOverlay {
  object: Object3D;
  frame?(camera: PerspectiveCamera, width: number, height: number): void;
}

const HOME_DISTANCE = 3.4;

/**
 * The 3D map: renderer, camera, orbit controls and the layers. Renders on demand only (input,
 * layout updates, animations, damping); there is no loop while nothing changes.
 */
export class SceneView {
  readonly renderer: WebGLRenderer;
  readonly camera = new PerspectiveCamera(45, 1, 0.005, 200);
  readonly controls: OrbitControls;
  private readonly scene = new Scene();
  private readonly points: PointsLayer;
  private readonly highlight: HighlightLayer;
  readonly labels: LabelLayer;
  private coords: Float32Array = new Float32Array(0);
  private wordIndex = new Map<string, number>();
  private layoutWords: string[] = [];
  /** Colours points by vocabulary label (see PointsLayer.setTints); re-applied on every layout. */
  private tinter: ((words: string[]) => Float32Array | null) | null = null;
  private frame = 0;
  private readonly repack = new LabelRepack();
  private busy = false;
  private readonly flight = new CameraFlight();
  private readonly picker = new ScreenPicker();
  /** Level of detail for points while the camera moves (see MotionBudget); off draws every point always. */
  readonly motion = new MotionBudget();
  motionLod = true;
  /** Points drawn in the last frame. */
  drawnPoints = 0;
  private hoverIndex = -1;
  private readonly disposers: (() => void)[] = [];
  /** Layers with their own 3D objects (analogy arrows, semantic axes). */
  private readonly sceneLayers: SceneOverlay[] = [];
  /** Recent CPU time per rendered frame, ms (for the bench). */
  readonly frameTimes: number[] = [];
  /** Longest CPU time of one rendered frame so far, ms (for the bench). */
  maxFrameMs = 0;
  /** Overlays drawn with every frame, before the word labels (which then avoid what they reserve). */
  readonly overlays: ((projector: ScreenProjector) => void)[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly events: SceneEvents,
  ) {
    const theme = readTheme();
    this.renderer = createSceneRenderer(theme);
    container.prepend(this.renderer.domElement);
    this.points = new PointsLayer(theme);
    this.highlight = new HighlightLayer(theme);
    this.scene.add(this.points.object, this.highlight.object);
    this.labels = new LabelLayer(container);
    this.camera.position.set(0, 0, HOME_DISTANCE);
    this.controls = createOrbitControls(this.camera, this.renderer.domElement);
    this.controls.addEventListener('change', () => this.requestRender());
    this.controls.addEventListener('start', () => this.flight.cancel());
    bindScenePointer(this.renderer.domElement, {
      pickAt: (x, y, radius) => this.pickAt(x, y, radius),
      setHover: (index) => this.setHover(index),
      resetView: () => this.resetView(),
      hover: (index, clientX, clientY) => this.events.hover(index, clientX, clientY),
      pick: (index) => this.events.pick(index),
    });
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(container);
    this.disposers.push(() => resize.disconnect());
    this.disposers.push(
      onThemeChange(() => {
        const t = readTheme();
        this.renderer.setClearColor(t.background, 1);
        this.points.setTheme(t);
        this.highlight.setTheme(t);
        this.requestRender();
      }),
    );
    this.resize();
  }

  /** Shows a new layout (raw coordinates; the scene centres and scales them). */
  setLayout(words: string[], raw: Float32Array, ranks: Int32Array, added: Uint8Array = new Uint8Array(words.length)): void {
    this.wordIndex = new Map(words.map((w, i) => [w, i]));
    this.coords = normalizeCoords(raw);
    const order = orderByRank(ranks);
    this.points.setLayout(this.coords, sizesFromRanks(ranks, order), added);
    this.layoutWords = words;
    this.points.setTints(this.tinter ? this.tinter(words) : null);
    this.labels.setLayout(words, ranks, added, order);
    this.labels.setCoords(this.coords);
    this.highlight.set(-1, []);
    this.highlight.update(this.coords);
    this.points.setDim(0);
    this.picker.setCoords(this.coords);
    this.container.dataset.points = String(words.length);
    this.requestRender(true);
  }

  /** Sets (or clears) the function that colours points by label, and applies it now. */
  setTinter(tinter: ((words: string[]) => Float32Array | null) | null): void {
    this.tinter = tinter;
    this.points.setTints(tinter ? tinter(this.layoutWords) : null);
    this.requestRender();
  }

  /** Same words, new positions (streamed intermediate layouts): updates buffers in place. */
  updateLayout(raw: Float32Array): void {
    if (raw.length !== this.coords.length) return;
    normalizeCoords(raw, this.coords);
    this.points.updatePositions(this.coords);
    this.highlight.update(this.coords);
    this.picker.setCoords(this.coords);
    this.labels.setCoords(this.coords);
    // No forced label packing: streamed layouts arrive often, packing stays on its own throttle.
    this.requestRender();
  }

  /** Marks points added from outside the view (drawn as rings). */
  setAdded(added: Uint8Array): void {
    this.points.setFlags(added);
    this.labels.setAdded(added);
    this.requestRender(true);
  }

  /** Highlights the query (index or -1) and its neighbours. */
  setHighlight(query: number, neighbours: number[]): void {
    this.highlight.set(query, neighbours);
    this.highlight.update(this.coords);
    this.labels.setHighlight(query, neighbours);
    this.points.setDim(query >= 0 || neighbours.length ? 0.3 : 0);
    this.requestRender(true);
  }

  /** Eased camera move (~0.5 s) that frames all the given points, keeping the viewing direction. */
  flyTo(indices: number[]): void {
    const valid = indices.filter((i) => i >= 0 && i * 3 < this.coords.length);
    if (!valid.length) return;
    const fit = fitPoints(this.coords, valid, this.camera, this.controls.target, this.controls.maxDistance);
    this.animateTo(fit.target, fit.position);
  }

  /** Back to the whole map, seen from the front. */
  resetView(): void {
    this.animateTo(new Vector3(), new Vector3(0, 0, HOME_DISTANCE));
  }

  private animateTo(target: Vector3, position: Vector3): void {
    const flying = this.flight.start(this.controls.target, this.camera.position, target, position);
    this.requestRender(!flying);
  }

  requestRender(repack = false): void {
    if (repack) this.repack.force();
    if (!this.frame) this.frame = requestAnimationFrame((t) => this.tick(t));
    this.setBusy(true);
  }

  /** True while a frame, a fly-to or a label repack is still to come. */
  get animating(): boolean {
    return this.busy;
  }

  private setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    this.events.activity?.(busy);
  }

  private tick(now: number): void {
    this.frame = 0;
    let more = this.flight.step(now, this.controls.target, this.camera.position);
    if (this.controls.update()) more = true;
    const budget = this.motion.frame(now, more, this.points.size);
    this.drawnPoints = this.points.setBudget(this.motionLod ? budget : null);
    this.renderFrame(now);
    if (more) this.requestRender();
    else if (!this.repack.pending) this.setBusy(false);
  }

  private renderFrame(now: number): void {
    const t0 = performance.now();
    const focus = this.camera.position.distanceTo(this.controls.target);
    const ratio = this.renderer.getPixelRatio();
    const pxPerUnit = (0.5 * this.picker.height) / Math.tan((this.camera.fov * Math.PI) / 360);
    this.points.setView(basePointSize(this.points.size), ratio, focus, worldPointSize(this.points.size), pxPerUnit);
    this.highlight.setPixelRatio(ratio);
    this.picker.update(this.camera);
    this.renderer.render(this.scene, this.camera);
    for (const o of this.sceneLayers) o.frame?.(this.camera, this.picker.width, this.picker.height);
    const projector = this.picker.projector(focus);
    for (const overlay of this.overlays) overlay(projector);
    this.repack.frame(this.labels, projector, now, (repack) => this.requestRender(repack));
    this.frameTimes.push(performance.now() - t0);
    this.maxFrameMs = Math.max(this.maxFrameMs, performance.now() - t0);
    if (this.frameTimes.length > 240) this.frameTimes.shift();
  }

  /** Nearest point to a canvas position within `radius` CSS px; -1 if none. */
  pickAt(x: number, y: number, radius = 10): number {
    return this.picker.pickAt(x, y, radius);
  }

  /** Drops the picking cache as a camera move would (the bench times the rebuild). */
  invalidatePicking(): void {
    this.picker.update(this.camera);
  }

  /** Canvas position of a point in CSS px, or null when off screen. */
  screenOf(index: number): { x: number; y: number } | null {
    // A hover card asks this on every pointer move: keep the pick cache the last frame built.
    this.picker.view(this.camera);
    return this.picker.screenOf(index);
  }

  setHover(index: number): void {
    if (index === this.hoverIndex) return;
    this.hoverIndex = index;
    this.highlight.setHover(index);
    this.highlight.update(this.coords);
    this.requestRender();
  }

  private resize(): void {
    const r = this.container.getBoundingClientRect();
    const width = (this.picker.width = Math.max(1, Math.round(r.width)));
    const height = (this.picker.height = Math.max(1, Math.round(r.height)));
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender(true);
  }

  /** Adds a layer drawn over the map. */
  addOverlay(overlay: SceneOverlay): void {
    this.sceneLayers.push(overlay);
    this.scene.add(overlay.object);
    this.requestRender();
  }

  /** A point's position in the scene (normalised coordinates), or null. */
  positionOf(index: number): Vector3 | null {
    if (index < 0 || index * 3 + 2 >= this.coords.length) return null;
    return new Vector3(this.coords[index * 3], this.coords[index * 3 + 1], this.coords[index * 3 + 2]);
  }

  /** Index of a word in the current layout, or -1. */
  indexOf(word: string): number {
    return this.wordIndex.get(word) ?? -1;
  }

  /** Draw calls and triangles/points of the last frame (the bench reads these). */
  info(): { calls: number; points: number } {
    return { calls: this.renderer.info.render.calls, points: this.points.size };
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.repack.dispose();
    for (const d of this.disposers) d();
    this.controls.dispose();
    this.points.dispose();
    this.highlight.dispose();
    this.labels.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
