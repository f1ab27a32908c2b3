#!/usr/bin/env node
// Static analysis of the Electron shell with Electronegativity (offline). Fails on any finding of
// medium or higher severity that electronegativity-allowlist.json does not justify, and on
// allowlist entries that no longer match a finding (so the list stays short and true).
//
//   node scripts/electronegativity.mjs [--input DIR] [--allowlist FILE] [--csv FILE]
//
// Without --input it analyses the Electron sources: main/electron, preload, renderer/index.html
// and renderer/src, copied to a temporary folder so nothing else (node_modules, tests) is scanned.
// --csv evaluates an existing report instead of running the tool.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['main/electron', 'preload', 'renderer/index.html', 'renderer/src'];
const GATED = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const MIN_REASON = 20;

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  for (const rel of SOURCES) fs.cpSync(path.join(root, rel), path.join(dir, rel), { recursive: true });
  return dir;
}

function runTool(input, csv) {
  const electron = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const r = spawnSync(process.execPath, [bin, '-i', input, '-o', csv, '-r', '-v', 'false', '-e', electron], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (!fs.existsSync(csv)) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`Electronegativity wrote no report (exit ${r.status}).`);
  }
}

/** Findings from the CSV report, paths with forward slashes. */
function readFindings(csv) {
  const rows = parse(fs.readFileSync(csv, 'utf8'), { columns: true, trim: true, skip_empty_lines: true, relax_quotes: true });
  return rows.map((r) => ({
    check: r.issue,
    severity: String(r.severity).toUpperCase(),
    confidence: r.confidence,
    file: String(r.filename).replaceAll('\\', '/'),
    location: r.location,
    sample: r.sample,
    description: r.description,
  }));
}

function readAllowlist(file) {
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of entries`);
  list.forEach((e, i) => {
    if (typeof e?.check !== 'string' || typeof e?.file !== 'string') throw new Error(`${file}: entry ${i} needs "check" and "file"`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < MIN_REASON) {
      throw new Error(`${file}: entry ${i} (${e.check} in ${e.file}) needs a reason of at least ${MIN_REASON} characters`);
    }
  });
  return list;
}

const input = option('--input');
const allowlistFile = option('--allowlist') ?? path.join(root, 'electronegativity-allowlist.json');
/**
 * Runs the tool and reads its report. The tool writes the CSV header and the rows with two
 * asynchronous writes that race (one truncating, one appending), so now and then the report
 * comes out with its header over the first row, or with the header alone: such a run is
 * repeated, a few times at most.
 */
function analyse(dir) {
  const ATTEMPTS = 4;
  for (let attempt = 1; ; attempt++) {
    const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-report-')), 'report.csv');
    runTool(dir, csv);
    try {
      const findings = readFindings(csv);
      if (findings.length > 0 || attempt === ATTEMPTS) return findings;
    } catch (e) {
      if (attempt === ATTEMPTS) throw e;
    }
  }
}

const csv = option('--csv');
let staged;
try {
  const findings = csv ? readFindings(csv) : analyse(input ? path.resolve(input) : (staged = stage()));
  const allowlist = readAllowlist(allowlistFile);
  const used = new Set();
  const unjustified = [];
  for (const f of findings.filter((x) => GATED.has(x.severity))) {
    const i = allowlist.findIndex((e) => e.check === f.check && e.file === f.file);
    if (i >= 0) used.add(i);
    else unjustified.push(f);
  }
  const stale = allowlist.filter((_e, i) => !used.has(i));
  const gated = findings.filter((x) => GATED.has(x.severity)).length;
  console.log(
    `Electronegativity: ${findings.length} findings, ${gated} of medium or higher severity, ${gated - unjustified.length} justified in the allowlist.`,
  );
  for (const f of findings.filter((x) => !GATED.has(x.severity))) console.log(`  note ${f.severity} ${f.check} ${f.file}:${f.location}`);
  for (const f of unjustified)
    console.error(`  UNJUSTIFIED ${f.severity} ${f.check} ${f.file}:${f.location}  ${f.sample}\n    ${f.description}`);
  for (const e of stale) console.error(`  STALE allowlist entry ${e.check} ${e.file}: no such finding any more; remove it.`);
  if (unjustified.length || stale.length) process.exitCode = 1;
} finally {
  if (staged) fs.rmSync(staged, { recursive: true, force: true });
}
