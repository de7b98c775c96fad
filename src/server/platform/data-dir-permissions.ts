import fs from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds the database files, generated secrets and e-mails with names and home
 * addresses: only the account running the server may read it. Folders are 0700, files 0600.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Process umask: whatever the process (PGlite included) creates from now on is owner-only. */
export const PRIVATE_UMASK = 0o077;

/**
 * Makes DATA_DIR (created if missing) and everything under it owner-only, repairing folders
 * and files an older version (or another tool) left readable by others. Symbolic links are
 * left alone (their target may be outside DATA_DIR). Returns how many modes it changed.
 */
export function secureDataDir(dataDir: string): number {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  let repaired = 0;
  const fix = (p: string, mode: number, current: number) => {
    if ((current & 0o777) === mode) return;
    fs.chmodSync(p, mode);
    repaired++;
  };
  const walk = (dir: string) => {
    fix(dir, PRIVATE_DIR_MODE, fs.statSync(dir).mode);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) fix(p, PRIVATE_FILE_MODE, fs.lstatSync(p).mode);
    }
  };
  walk(dataDir);
  return repaired;
}
