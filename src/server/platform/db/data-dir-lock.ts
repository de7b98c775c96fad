import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * The embedded database belongs to one process. Two processes writing one PGlite folder both
 * appear to succeed and lose acknowledged rows, so a second process must refuse to start.
 * The lock is a file created with O_EXCL holding the owner's pid; a lock left by a process that
 * no longer exists (kill -9) is taken over.
 */
export function acquireDataDirLock(dataDir: string): { release(): void } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'tradeloop.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (readPid(file) === process.pid) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPid(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is in use by another Tradeloop process (pid ${owner}). ` +
            'The embedded database allows one process at a time: stop the other one, use another DATA_DIR, ' +
            'or set DATABASE_URL to run several processes on a PostgreSQL server.',
        );
      }
      // Stale: its owner is gone. Remove it and try again (another starter may win the race; then we refuse).
      // Re-read first so we never remove a lock that a concurrent starter just took.
      try {
        if (readPid(file) === owner) fs.unlinkSync(file);
      } catch {
        /* someone else removed it */
      }
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}; another process keeps taking it`);
}

function readPid(file: string): number | undefined {
  try {
    const n = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
