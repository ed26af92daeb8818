/**
 * One process per data directory. lmdb itself lets several processes share an
 * environment, but the embedded store keeps its secondary indexes in memory, so a
 * second writer would make them silently wrong. A lock file holding the owner's pid
 * turns that mistake into a clear error at start-up.
 */

import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { OperationalError, ensureError } from '../errors.js';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'tourflow.lock';

/** Directories this process holds, so a second open in the same process fails too. */
const heldByThisProcess = new Set<string>();

/** A held lock on a data directory. */
export interface DirLock {
  release(): void;
}

/**
 * Take the lock on `dir` (created if missing), taking over a stale lock left by a
 * process that died (kill -9, power loss).
 *
 * @throws OperationalError `store-locked` when a live process holds it.
 * @example
 * const lock = acquireDirLock('./data');
 * try { ... } finally { lock.release(); }
 */
export function acquireDirLock(dir: string): DirLock {
  const shownDir = resolve(dir);
  let realDir: string;
  try {
    mkdirSync(dir, { recursive: true });
    realDir = realpathSync(dir);
  } catch (caught) {
    throw unavailable(shownDir, caught);
  }
  if (heldByThisProcess.has(realDir)) throw lockedError(shownDir, process.pid);
  const lockPath = join(realDir, LOCK_FILE);
  // A few rounds: each either wins, meets a live owner, or clears one stale lock.
  for (let round = 0; round < 5; round++) {
    if (tryCreate(lockPath, shownDir)) {
      heldByThisProcess.add(realDir);
      return { release: () => release(realDir, lockPath) };
    }
    const owner = readOwner(lockPath);
    if (owner === 'missing') continue;
    // Our own pid in a lock we do not hold is a previous run of ours (pid 1 in a container).
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw lockedError(shownDir, owner);
    removeIfStill(lockPath, owner);
  }
  throw lockedError(shownDir, readOwnerPid(lockPath));
}

/** Create the lock file with our pid, atomically: it never exists without its content. */
function tryCreate(lockPath: string, shownDir: string): boolean {
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`;
  try {
    const fd = openSync(draft, 'wx');
    try {
      writeSync(fd, `${process.pid}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(draft, lockPath);
    return true;
  } catch (caught) {
    if (errorCode(caught) === 'EEXIST') return false;
    throw unavailable(shownDir, caught);
  } finally {
    unlinkQuietly(draft);
  }
}

/** The owner's pid, undefined when the file holds no pid, 'missing' when it is gone. */
function readOwner(lockPath: string): number | undefined | 'missing' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (caught) {
    if (errorCode(caught) === 'ENOENT') return 'missing';
    throw caught;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function readOwnerPid(lockPath: string): number | undefined {
  const owner = readOwner(lockPath);
  return owner === 'missing' ? undefined : owner;
}

/**
 * Remove a stale lock, unless another process replaced it since we read it: move it
 * aside (atomic, only one mover gets a given file), check it is the one we judged
 * stale, and put it back if not.
 */
function removeIfStill(lockPath: string, stalePid: number | undefined): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch (caught) {
    if (errorCode(caught) === 'ENOENT') return;
    throw caught;
  }
  if (readOwner(aside) !== stalePid) {
    try {
      linkSync(aside, lockPath);
    } catch (caught) {
      if (errorCode(caught) !== 'EEXIST') throw caught;
    }
  }
  unlinkQuietly(aside);
}

function release(realDir: string, lockPath: string): void {
  if (!heldByThisProcess.delete(realDir)) return;
  if (readOwner(lockPath) === process.pid) unlinkQuietly(lockPath);
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (caught) {
    return errorCode(caught) !== 'ESRCH';
  }
}

function lockedError(shownDir: string, pid: number | undefined): OperationalError {
  const owner = pid === undefined ? 'another process' : `process ${pid}`;
  return new OperationalError(
    'store-locked',
    `The data directory ${shownDir} is in use by ${owner}; stop it or use another DATA_DIR`,
    { extra: { dataDir: shownDir, pid: pid ?? null } },
  );
}

function unavailable(shownDir: string, caught: unknown): OperationalError {
  const error = ensureError(caught);
  return new OperationalError(
    'store-unavailable',
    `Cannot use the data directory ${shownDir}: ${error.message}`,
    {
      cause: error,
    },
  );
}

function errorCode(caught: unknown): string | undefined {
  const code = (caught as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to clean.
  }
}
