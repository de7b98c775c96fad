/**
 * `npm start`'s first step: builds the web app only when its inputs changed since the last
 * build, so a warm restart does not spend seconds on an identical bundle. The inputs are every
 * file under src/web and src/shared, the Vite config and the lock file; their digest is kept
 * beside the build (dist/web/.inputs-sha256). `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT = path.join(ROOT, 'dist/web');
const STAMP = path.join(OUT, '.inputs-sha256');
const INPUTS = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];

function filesUnder(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)));
}

/** A digest of every input's path and content (content, not mtime: a checkout or a copy keeps it valid). */
function inputsDigest(): string {
  const hash = createHash('sha256');
  for (const rel of INPUTS.flatMap(filesUnder).sort()) {
    hash.update(rel).update('\0').update(fs.readFileSync(path.join(ROOT, rel))).update('\0');
  }
  return hash.digest('hex');
}

function main(): number {
  const digest = inputsDigest();
  const built = fs.existsSync(path.join(OUT, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === digest;
  if (built && !process.argv.includes('--force')) return 0;
  const vite = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (vite.status !== 0) return vite.status ?? 1;
  fs.writeFileSync(STAMP, `${digest}\n`);
  return 0;
}

process.exitCode = main();
