/**
 * Exports whose words were chosen by an attacker: the CSV cannot run formulas in a spreadsheet
 * (unless asked to keep them), and the SVG and HTML map stay inert (no element, attribute or
 * script the words did not come with as plain text).
 */
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Projection } from '../../../common/contract/contract';
import { launchBrowser } from '../../../main/bench/browser-app';
import { collectText } from '../../../main/core/export/chunks';
import { csvField, neighboursCsv, projectionCsv } from '../../../main/core/export/csv-writer';
import { type ExportData, prepareExport } from '../../../main/core/export/export-data';
import { projectionHtml } from '../../../main/core/export/html-writer';
import { projectionSvg } from '../../../main/core/export/svg-writer';
import { tempDir } from '../../helpers/temp';
import { smallModel, smallProjection } from '../../unit/export/fixtures';

const HOSTILE = [
  '</script><script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  ']]><svg onload="window.__pwned=3">',
  '<!--',
  '--><b>x</b>',
  'ctrl\u0000\u0001\u0007\u001b\u007f',
  'line\u2028sep\u2029para',
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|/C calc',
  '-2+3',
  '@SUM(A1:A9)',
  '\tleading tab',
  '\rleading cr',
  '"quoted", comma',
  "' already quoted",
  '&amp;&#x3c;',
  '\uD800lone surrogate',
];
const FORMULA = /^[=+\-@\t\r]/;
/** The text as UTF-8 can carry it (a lone surrogate becomes U+FFFD, as in every UTF-8 file). */
const wf = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
const model = smallModel();

async function hostileData(words: string[]): Promise<ExportData> {
  const base = smallProjection(model, words.length);
  const projection: Projection = { ...base, name: '</title><script>window.__pwned=4</script>', words };
  return prepareExport({ projection, model, labels: words.map((w, i) => (i % 2 ? w : '')), appVersion: '1', source: 't' });
}

describe('CSV exports cannot attack a spreadsheet', () => {
  it('prefixes fields that start like a formula with a single quote, leaves the rest and the numbers alone', async () => {
    const d = await hostileData(HOSTILE);
    const rows = parseCsv(await collectText(projectionCsv(d)), { columns: true }) as Record<string, string>[];
    rows.forEach((r, i) => {
      const w = wf(HOSTILE[i]);
      expect(r.word).toBe(FORMULA.test(w) ? `'${w}` : w);
      expect(r.word).not.toMatch(FORMULA);
      expect(r.label).not.toMatch(FORMULA);
      // Coordinates are numbers the exporter wrote: a negative one keeps its sign.
      expect(Math.fround(Number(r.x))).toBe(d.projection.coords[3 * i]);
    });
    expect(rows.some((r) => r.x.startsWith('-'))).toBe(true);
  });

  it('writes the words exactly when asked to keep formulas', async () => {
    const d = await hostileData(HOSTILE);
    const rows = parseCsv(await collectText(projectionCsv(d, { keepFormulas: true })), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.word)).toEqual(HOSTILE.map(wf));
    const table = parseCsv(neighboursCsv([{ word: '=1+1', similarity: 0.5, rank: 1 }], { keepFormulas: true }), { columns: true });
    expect(table).toEqual([{ rank: '1', word: '=1+1', similarity: '0.5000' }]);
  });

  it('neutralises the neighbour table too', () => {
    const neighbours = HOSTILE.map((word, i) => ({ word, similarity: 0.9 - i / 100, rank: i + 1 }));
    const rows = parseCsv(neighboursCsv(neighbours), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.word)).toEqual(HOSTILE.map((w) => (FORMULA.test(w) ? `'${wf(w)}` : wf(w))));
  });

  it('any text field reads back as the text, or the text behind one quote when it starts like a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const [[field]] = parseCsv(`${csvField(s)}\r\n`, { relax_column_count: true }) as string[][];
        // csv-parse reads an empty line as no record; an empty field is written as nothing.
        if (s === '') return;
        expect(field).toBe(FORMULA.test(s) ? `'${s}` : s);
      }),
      { numRuns: 1000 },
    );
  });
});

const SVG_ELEMENTS = new Set(['svg', 'title', 'rect', 'g', 'circle', 'text']);

/** Every element name and attribute name in an SVG document, via a real XML parser. */
function svgShape(svg: string): { elements: Set<string>; attributes: Set<string> } {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true }).parse(svg) as unknown[];
  const elements = new Set<string>();
  const attributes = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ':@') Object.keys(value as object).forEach((a) => attributes.add(a.slice(1)));
        else if (key !== '#text' && key !== '?xml') {
          elements.add(key);
          walk(value as unknown[]);
        }
      }
    }
  };
  walk(doc);
  return { elements, attributes };
}

describe('SVG exports stay inert', () => {
  it('hostile words become text: valid XML, only drawing elements, no event attributes', async () => {
    const svg = await collectText(projectionSvg(await hostileData(HOSTILE)));
    expect(XMLValidator.validate(svg)).toBe(true);
    const { elements, attributes } = svgShape(svg);
    for (const e of elements) expect(SVG_ELEMENTS.has(e), e).toBe(true);
    for (const a of attributes) expect(a, a).not.toMatch(/^on/i);
    expect(svg).not.toMatch(/<script|<img|<!--|<!\[CDATA/i);
    // Characters XML forbids are replaced; U+2028 and friends are plain text in XML.
    expect([...svg].filter((c) => c < ' ' && !'\t\n\r'.includes(c))).toEqual([]);
  });

  it('holds for generated words', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (words) => {
        const svg = await collectText(projectionSvg(await hostileData(words)));
        expect(XMLValidator.validate(svg)).toBe(true);
        const { elements, attributes } = svgShape(svg);
        for (const e of elements) expect(SVG_ELEMENTS.has(e), e).toBe(true);
        for (const a of attributes) expect(a).not.toMatch(/^on/i);
      }),
      { numRuns: 200 },
    );
  });
});

/** The <script> elements of an HTML export: the data island and the viewer, nothing else. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
}

describe('HTML map stays inert', () => {
  const dir = tempDir('ee-hostile-');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps every word inside the data island, which parses back to the words', async () => {
    const html = await collectText(projectionHtml(await hostileData(HOSTILE)));
    const found = scripts(html);
    expect(found).toHaveLength(2);
    expect((html.match(/<script/gi) ?? []).length).toBe(2);
    expect(html).not.toMatch(/[\u2028\u2029]/);
    const data = JSON.parse(found[0]) as { words: string[]; meta: { title: string } };
    expect(data.words).toEqual(HOSTILE);
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;');
  });

  it('holds for generated words', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (words) => {
        const html = await collectText(projectionHtml(await hostileData(words)));
        const found = scripts(html);
        expect(found).toHaveLength(2);
        expect((JSON.parse(found[0]) as { words: string[] }).words).toEqual(words.map(wf));
      }),
      { numRuns: 200 },
    );
  });

  it('opens in a browser without running or adding anything the words hold', async () => {
    const file = path.join(dir, 'hostile.html');
    fs.writeFileSync(file, await collectText(projectionHtml(await hostileData(HOSTILE))));
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.getElementById('stage')?.dataset.state !== 'loading', undefined, { timeout: 60_000 });
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
        injected: document.querySelectorAll('img, iframe, object, embed, b, body svg').length,
        scripts: document.querySelectorAll('script').length,
        title: document.title,
      }));
      expect(state).toEqual({ pwned: 0, injected: 0, scripts: 2, title: expect.stringContaining('</title><script>') as unknown });
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
