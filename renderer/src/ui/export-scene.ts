/**
 * What the export panel needs from the 3D scene: its camera in the projection's own coordinates
 * (for in_view and the SVG) and a PNG of the view at a larger size, with the labels, a legend
 * and a caption drawn over it.
 */
import type { ExportCamera } from '../../../common/contract/contract';
import { normalisation } from '../scene/layout';
import type { SceneView } from '../scene/scene-view';
import { pngSize } from './png-size';

/** The scene camera expressed in the raw coordinates of the stored projection. */
export function rawCamera(view: SceneView, raw: Float32Array): ExportCamera {
  const { centre, scale } = normalisation(raw);
  const back = (v: { x: number; y: number; z: number }): [number, number, number] => [
    v.x / scale + centre[0],
    v.y / scale + centre[1],
    v.z / scale + centre[2],
  ];
  const cam = view.camera;
  return {
    position: back(cam.position),
    target: back(view.controls.target),
    up: [cam.up.x, cam.up.y, cam.up.z],
    fov: cam.fov,
    aspect: cam.aspect,
  };
}

export interface PngOptions {
  /** 1, 2 or 4 × the map's size on screen (capped at MAX_PNG_SIDE on the long side). */
  scale: number;
  /** Clear the theme background to transparent. */
  transparent: boolean;
  /** Caption in the bottom-right corner (model, query). */
  caption: string;
  /** Legend entries: colour and text. */
  legend: { colour: string; text: string }[];
}

/** Renders the scene once at `factor` device pixels per CSS pixel and copies the frame. */
function renderLarge(view: SceneView, factor: number, into: CanvasRenderingContext2D): Promise<void> {
  const renderer = view.renderer;
  const before = renderer.getPixelRatio();
  renderer.setPixelRatio(factor);
  return new Promise<void>((resolve, reject) => {
    view.requestRender(true);
    // Queued after the scene's own frame callback, so it runs in the same frame right after the
    // render, while the drawing buffer still holds it (no preserveDrawingBuffer needed).
    requestAnimationFrame(() => {
      try {
        into.drawImage(renderer.domElement, 0, 0, into.canvas.width, into.canvas.height);
        resolve();
      } catch (e) {
        reject(e as Error);
      } finally {
        renderer.setPixelRatio(before);
        view.requestRender(true);
      }
    });
  });
}

/**
 * Clears pixels of the background colour (and fades near-background ones) for a transparent
 * PNG, a band of rows at a time with a pause between bands, so a 4× picture never holds the
 * page for long.
 */
async function keyOut(ctx: CanvasRenderingContext2D, bg: [number, number, number]): Promise<void> {
  const w = ctx.canvas.width;
  const h = ctx.canvas.height;
  const band = Math.max(1, Math.floor(262144 / w));
  for (let y0 = 0; y0 < h; y0 += band) {
    const rows = Math.min(band, h - y0);
    const img = ctx.getImageData(0, y0, w, rows);
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      const diff = Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]);
      if (diff < 48) d[i + 3] = Math.round((diff / 48) * 255);
    }
    ctx.putImageData(img, 0, y0);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** True for a CSS colour that paints something (not "transparent" / zero alpha). */
function paints(colour: string): boolean {
  return colour !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(colour);
}

/** Draws the labels on screen (the scene's HTML overlay) with their own font, colour, pill and halo. */
function drawLabels(ctx: CanvasRenderingContext2D, stage: HTMLElement, canvasRect: DOMRect, factor: number, halo: string): void {
  for (const node of stage.querySelectorAll<HTMLElement>('.cluster-labels > *, .scene-labels > *')) {
    const r = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    if (!node.textContent || node.hidden || r.width === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    ctx.save();
    // Cluster names are quiet through their layer's opacity, not their own.
    const layer = node.parentElement?.classList.contains('cluster-labels') ? Number(getComputedStyle(node.parentElement).opacity) || 1 : 1;
    ctx.globalAlpha = (Number(style.opacity) || 1) * layer;
    const left = (r.left - canvasRect.left) * factor;
    const top = (r.top - canvasRect.top) * factor;
    if (paints(style.backgroundColor)) {
      ctx.fillStyle = style.backgroundColor;
      ctx.beginPath();
      ctx.roundRect(left, top, r.width * factor, r.height * factor, (r.height * factor) / 2);
      ctx.fill();
    }
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${parseFloat(style.fontSize) * factor}px ${style.fontFamily}`;
    ctx.textBaseline = 'middle';
    const x = left + parseFloat(style.paddingLeft || '0') * factor;
    const y = top + (r.height / 2) * factor;
    if (!paints(style.backgroundColor)) {
      ctx.lineWidth = 3 * factor;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = halo;
      ctx.strokeText(node.textContent, x, y);
    }
    ctx.fillStyle = style.color;
    ctx.fillText(node.textContent, x, y);
    ctx.restore();
  }
}

function drawFrame(ctx: CanvasRenderingContext2D, o: PngOptions, factor: number, text: string, dim: string, halo: string): void {
  const w = ctx.canvas.width;
  const h = ctx.canvas.height;
  const pad = 14 * factor;
  ctx.textBaseline = 'middle';
  ctx.font = `${12 * factor}px Inter, system-ui, sans-serif`;
  ctx.lineWidth = 3 * factor;
  ctx.strokeStyle = halo;
  if (o.legend.length) {
    // A quiet panel behind the legend so it reads over the points.
    const width = Math.max(...o.legend.map((e) => ctx.measureText(e.text).width)) + 30 * factor;
    ctx.save();
    ctx.globalAlpha = 0.82;
    ctx.fillStyle = halo;
    ctx.beginPath();
    ctx.roundRect(pad - 8 * factor, pad - 4 * factor, width, (o.legend.length * 18 + 8) * factor, 6 * factor);
    ctx.fill();
    ctx.restore();
  }
  o.legend.forEach((entry, i) => {
    const y = pad + 8 * factor + i * 18 * factor;
    ctx.fillStyle = entry.colour;
    ctx.beginPath();
    ctx.arc(pad + 5 * factor, y, 5 * factor, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = text;
    ctx.strokeText(entry.text, pad + 16 * factor, y);
    ctx.fillText(entry.text, pad + 16 * factor, y);
  });
  ctx.textAlign = 'right';
  ctx.fillStyle = dim;
  ctx.strokeText(o.caption, w - pad, h - pad);
  ctx.fillText(o.caption, w - pad, h - pad);
  ctx.textAlign = 'left';
}

function rgb(colour: string): [number, number, number] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = colour;
  c.fillRect(0, 0, 1, 1);
  const d = c.getImageData(0, 0, 1, 1).data;
  return [d[0], d[1], d[2]];
}

/** A PNG of the current view: the scene re-rendered at the larger size, labels, legend, caption. */
export async function snapshotPng(
  view: SceneView,
  stage: HTMLElement,
  o: PngOptions,
): Promise<{ blob: Blob; width: number; height: number }> {
  const canvas = view.renderer.domElement;
  const rect = canvas.getBoundingClientRect();
  const { width, height, factor } = pngSize(rect.width, rect.height, o.scale);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d', { willReadFrequently: o.transparent })!;
  await renderLarge(view, factor, ctx);
  const style = getComputedStyle(document.documentElement);
  const bg = style.getPropertyValue('--scene-bg').trim() || style.getPropertyValue('--bg').trim() || '#0e1117';
  if (o.transparent) await keyOut(ctx, rgb(bg));
  const text = style.getPropertyValue('--text').trim() || '#e6e9ef';
  const dim = style.getPropertyValue('--text-dim').trim() || '#8b94a5';
  drawLabels(ctx, stage, rect, factor, bg);
  drawFrame(ctx, o, factor, text, dim, bg);
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`The picture (${width} × ${height}) could not be encoded.`);
  return { blob, width, height };
}
