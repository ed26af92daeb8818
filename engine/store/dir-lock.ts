/**
 * One process per data directory. lmdb itself lets several processes share an
 * environment, but the embedded store keeps its secondary indexes in memory, so a
 * second writer would make them silently wrong. A lock file holding the owner's pid
 * turns that mistake into a clear error at start-up.
 *
 * A pid alone does not name a process for long: after a crash and a reboot (or just
 * time) another process may hold the same pid, and a lock naming it would block every
 * start. So the lock also records the boot and the owner's start time (Linux /proc):
 * a live pid whose start time differs is another process, and the lock is stale.
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
    if (isHeld(owner)) throw lockedError(shownDir, owner.pid);
    removeIfStill(lockPath, owner.text);
  }
  throw lockedError(shownDir, readOwnerPid(lockPath));
}

/** Create the lock file with our pid, atomically: it never exists without its content. */
function tryCreate(lockPath: string, shownDir: string): boolean {
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`;
  try {
    const fd = openSync(draft, 'wx');
    try {
      writeSync(fd, ownerText(process.pid));
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

/** Who a lock file names: a pid, and where known the boot and the process's start time. */
interface LockOwner {
  text: string;
  pid: number | undefined;
  boot?: string;
  start?: string;
}

/** The lock file's content for process `pid` (this one): `pid`, boot id, start time, one per line. */
function ownerText(pid: number): string {
  return `${pid}\n${bootId() ?? ''}\n${startTime(pid) ?? ''}\n`;
}

/** The lock file's owner, or 'missing' when the file is gone. */
function readOwner(lockPath: string): LockOwner | 'missing' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (caught) {
    if (errorCode(caught) === 'ENOENT') return 'missing';
    throw caught;
  }
  const [pidLine = '', boot = '', start = ''] = text.split('\n').map((line) => line.trim());
  const pid = Number.parseInt(pidLine, 10);
  return {
    text,
    pid: Number.isSafeInteger(pid) && pid > 0 ? pid : undefined,
    ...(boot ? { boot } : {}),
    ...(start ? { start } : {}),
  };
}

function readOwnerPid(lockPath: string): number | undefined {
  const owner = readOwner(lockPath);
  return owner === 'missing' ? undefined : owner.pid;
}

/**
 * Whether the process a lock names still runs. Our own pid in a lock we do not hold is a
 * previous run of ours (pid 1 in a container). A live pid is the owner only if it started
 * when the owner did, in this boot; a lock from before start times were recorded counts
 * only if that pid is a Node.js process.
 */
function isHeld(owner: LockOwner): boolean {
  const { pid } = owner;
  if (pid === undefined || pid === process.pid || !isAlive(pid)) return false;
  if (owner.boot !== undefined && owner.start !== undefined) {
    const boot = bootId();
    const start = startTime(pid);
    if (boot !== undefined && boot !== owner.boot) return false;
    if (start !== undefined && start !== owner.start) return false;
    return true;
  }
  const command = readProc(`/proc/${pid}/cmdline`);
  return command === undefined || /node|tourflow/i.test(command);
}

/** This boot's id (Linux), so a lock from before a reboot is told apart. */
function bootId(): string | undefined {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim();
}

/** When process `pid` started, in clock ticks since boot (Linux /proc/<pid>/stat field 22). */
function startTime(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Remove a stale lock, unless another process replaced it since we read it: move it
 * aside (atomic, only one mover gets a given file), check it is the one we judged
 * stale, and put it back if not.
 */
function removeIfStill(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch (caught) {
    if (errorCode(caught) === 'ENOENT') return;
    throw caught;
  }
  const moved = readOwner(aside);
  if (moved === 'missing' || moved.text !== staleText) {
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
  const owner = readOwner(lockPath);
  if (owner !== 'missing' && owner.pid === process.pid) unlinkQuietly(lockPath);
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
