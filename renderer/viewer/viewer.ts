/**
 * The standalone map viewer inlined into exported HTML files: no server, no network, no app.
 * Orbit with the mouse, hover a point for its card; the query and its neighbourhood are lit.
 */
import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  Color,
  Matrix4,
  PerspectiveCamera,
  Points,
  PointsMaterial,
  Scene,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { chooseLabels, type ScreenPos } from './viewer-labels';
import { clusterLegend, clusterLine } from './viewer-clusters';
import { readViewerData } from './viewer-data';

const data = readViewerData();
const { meta, words, coords } = data;
const n = words.length;
/**
 * Big maps (over 50,000 points) place labels once the camera rests, not every frame: projecting
 * every point and packing labels would take longer than a frame. Labels hide while it moves.
 */
const BIG = n > 50_000;
const stage = document.getElementById('stage')!;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, id?: string, text?: string) => {
  const e = document.createElement(tag);
  if (id) e.id = id;
  if (text !== undefined) e.textContent = text;
  return e;
};

const renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
renderer.setClearColor(new Color(meta.theme.background), 1);
stage.append(renderer.domElement);
const camera = new PerspectiveCamera(meta.camera.fov, 1, 0.01, 1e5);
camera.position.set(...meta.camera.position);
camera.up.set(...meta.camera.up);
const controls = new OrbitControls(camera, renderer.domElement);
controls.target.set(...meta.camera.target);
controls.enableDamping = true;
controls.update();

/** A round sprite drawn once into a small canvas: a disc, or a ring for placed points. */
function spriteTexture(ring: boolean): CanvasTexture {
  const c = document.createElement('canvas');
  c.width = c.height = 64;
  const g = c.getContext('2d')!;
  g.beginPath();
  g.arc(32, 32, ring ? 22 : 28, 0, Math.PI * 2);
  if (ring) {
    g.lineWidth = 12;
    g.strokeStyle = '#fff';
    g.stroke();
  } else {
    g.fillStyle = '#fff';
    g.fill();
  }
  return new CanvasTexture(c);
}

const hood = new Set(meta.neighbourhood);
const placed = new Set(meta.placed ?? []);
const q = meta.query?.point ?? -1;
const base = new Color(meta.theme.point);
const accent = new Color(meta.theme.accent);
function cloud(indices: number[], size: number, colourOf: (i: number) => Color, ring = false): Points {
  const pos = new Float32Array(indices.length * 3);
  const col = new Float32Array(indices.length * 3);
  indices.forEach((i, k) => {
    pos.set([coords[3 * i], coords[3 * i + 1], coords[3 * i + 2]], 3 * k);
    const c = colourOf(i);
    col.set([c.r, c.g, c.b], 3 * k);
  });
  const geo = new BufferGeometry();
  geo.setAttribute('position', new BufferAttribute(pos, 3));
  geo.setAttribute('color', new BufferAttribute(col, 3));
  const mat = new PointsMaterial({
    size,
    sizeAttenuation: false,
    vertexColors: true,
    map: spriteTexture(ring),
    alphaTest: 0.5,
    transparent: true,
  });
  return new Points(geo, mat);
}
const all = Array.from({ length: n }, (_, i) => i);
const scene = new Scene();
const legendColour = (i: number) => (data.labels[i] && meta.legend[data.labels[i]] ? new Color(meta.legend[data.labels[i]]) : base);
const plain = (i: number) => !placed.has(i);
scene.add(
  cloud(
    all.filter((i) => i !== q && !hood.has(i) && plain(i)),
    n > 20000 ? 3 : 5,
    legendColour,
  ),
);
scene.add(
  cloud(
    all.filter((i) => i !== q && !hood.has(i) && !plain(i)),
    n > 20000 ? 5 : 7,
    legendColour,
    true,
  ),
);
scene.add(cloud([...hood].filter(plain), 9, () => accent));
scene.add(
  cloud(
    [...hood].filter((i) => !plain(i)),
    11,
    () => accent,
    true,
  ),
);
if (q >= 0) scene.add(cloud([q], 15, () => accent, placed.has(q)));

const labelLayer = el('div', 'labels');
const card = el('div', 'card');
card.hidden = true;
stage.append(labelLayer, card);
const caption = el(
  'div',
  'caption',
  meta.query ? `${meta.model} · query: ${meta.query.matched}` : `${meta.model} · ${meta.projection.name}`,
);
const help = el('div', 'help', 'Drag to orbit · scroll to zoom · hover a point');
document.body.append(caption, help);
const legendEntries = Object.entries(meta.legend);
if (legendEntries.length) {
  const legend = el('div', 'legend');
  for (const [label, colour] of legendEntries) {
    const row = el('div');
    const dot = el('span');
    dot.style.background = colour;
    row.append(dot, label);
    legend.append(row);
  }
  document.body.append(legend);
}

const clusters = clusterLegend(meta);
if (clusters) document.body.append(clusters);

const priority = all
  .slice()
  .sort((a, b) => data.ranks[a] - data.ranks[b] || a - b)
  .slice(0, 3000);
const screen: ScreenPos = { x: new Float32Array(n), y: new Float32Array(n), visible: new Uint8Array(n) };
const viewProj = new Matrix4();
/** Every point's screen position; the matrix maths inlined, as this runs over every point. */
function projectAll(w: number, h: number): void {
  camera.updateMatrixWorld();
  const e = viewProj.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse).elements;
  for (let i = 0; i < n; i++) {
    const x = coords[3 * i];
    const y = coords[3 * i + 1];
    const z = coords[3 * i + 2];
    const cw = e[3] * x + e[7] * y + e[11] * z + e[15];
    const nx = (e[0] * x + e[4] * y + e[8] * z + e[12]) / cw;
    const ny = (e[1] * x + e[5] * y + e[9] * z + e[13]) / cw;
    screen.x[i] = ((nx + 1) / 2) * w;
    screen.y[i] = ((1 - ny) / 2) * h;
    screen.visible[i] = cw > 1e-6 && Math.abs(nx) <= 1 && Math.abs(ny) <= 1 ? 1 : 0;
  }
}

function drawLabels(): void {
  const stageBox = stage.getBoundingClientRect();
  const legends = [clusters, document.querySelector('.legend')]
    .filter((e): e is HTMLElement => e instanceof HTMLElement)
    .map((e) => e.getBoundingClientRect())
    .map((r) => [r.left - stageBox.left, r.top - stageBox.top, r.width, r.height]);
  const chosen = chooseLabels(screen, words, priority, q >= 0 ? [q, ...meta.neighbourhood] : meta.neighbourhood, 60, legends);
  labelLayer.replaceChildren(
    ...chosen.map(({ point: i, x, y }) => {
      const d = el('div', undefined, words[i]);
      d.className = `ee-label${i === q ? ' query' : ''}${placed.has(i) ? ' placed' : ''}`;
      d.style.left = `${x}px`;
      d.style.top = `${y}px`;
      d.style.color = i === q ? meta.theme.accent : hood.has(i) ? meta.theme.text : meta.theme.textDim;
      return d;
    }),
  );
}

let dirty = true;
function resize(): void {
  const w = stage.clientWidth || window.innerWidth;
  const h = stage.clientHeight || window.innerHeight;
  renderer.setSize(w, h);
  camera.aspect = w / h;
  camera.updateProjectionMatrix();
  dirty = true;
}
window.addEventListener('resize', resize);
controls.addEventListener('change', () => (dirty = true));
resize();

function showCard(i: number, x: number, y: number): void {
  const sim = data.similarity[i];
  card.replaceChildren(el('strong', undefined, words[i]));
  if (data.labels[i]) card.append(el('small', undefined, data.labels[i]));
  if (sim !== undefined && sim !== null && meta.query)
    card.append(el('small', undefined, `similarity to ${meta.query.matched}: ${sim.toFixed(4)}`));
  if (placed.has(i)) card.append(el('small', undefined, 'placed after the layout was computed'));
  const cluster = clusterLine(data, i);
  if (cluster) card.append(el('small', undefined, cluster));
  card.style.left = `${x}px`;
  card.style.top = `${y}px`;
  card.hidden = false;
}

renderer.domElement.addEventListener('pointermove', (e) => {
  // Screen positions are refreshed once a big map's camera rests (see relabel).
  if (BIG && labelLayer.hidden) {
    card.hidden = true;
    return;
  }
  const rect = renderer.domElement.getBoundingClientRect();
  const x = e.clientX - rect.left;
  const y = e.clientY - rect.top;
  let best = -1;
  let bestD = 10 * 10;
  for (let i = 0; i < n; i++) {
    if (!screen.visible[i]) continue;
    const d = (screen.x[i] - x) ** 2 + (screen.y[i] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best >= 0) showCard(best, x, y);
  else card.hidden = true;
});
renderer.domElement.addEventListener('pointerleave', () => (card.hidden = true));

let labelTimer = 0;
function relabel(): void {
  projectAll(renderer.domElement.clientWidth, renderer.domElement.clientHeight);
  drawLabels();
  labelLayer.hidden = false;
}

function frame(): void {
  controls.update();
  if (dirty) {
    dirty = false;
    renderer.render(scene, camera);
    if (BIG && stage.dataset.state === 'ready') {
      labelLayer.hidden = true;
      clearTimeout(labelTimer);
      labelTimer = window.setTimeout(relabel, 150);
    } else relabel();
    stage.dataset.points = String(n);
    stage.dataset.state = 'ready';
  }
  requestAnimationFrame(frame);
}
document.title = meta.title;
frame();
