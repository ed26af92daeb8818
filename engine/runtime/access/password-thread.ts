/**
 * One worker thread that runs scrypt synchronously, one hash at a time, for the whole
 * process. Synchronous scrypt inside a worker occupies only that worker's thread, so the
 * libuv pool (file reads, DNS, zlib) stays free whatever the sign-in load; the queue in
 * front of it is bounded, and a full queue is an `auth-busy` operational error rather
 * than unbounded memory. The thread is unref'd: it never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import { OperationalError } from '../../errors.js';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** Hashes waiting at most; past this, sign-ins are refused until the thread catches up. */
const MAX_QUEUED = 64;

// Plain JavaScript, evaluated in the worker: it needs nothing but node:crypto.
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, password, salt, N, r, p, keyLength }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), keyLength, { N, r, p, maxmem: 256 * N * r });
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve(key: Buffer): void;
  reject(error: Error): void;
}

let thread: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function startThread(): Worker {
  const worker = new Worker(THREAD_SOURCE, { eval: true, name: 'tourflow-password' });
  worker.unref();
  worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error !== undefined || message.key === undefined) waiting.reject(new Error(message.error ?? 'scrypt failed'));
    else waiting.resolve(Buffer.from(message.key));
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => {
    if (thread === worker) thread = undefined;
    failAll(new Error('The password thread stopped'));
  });
  return worker;
}

function failAll(error: Error): void {
  for (const [id, waiting] of pending) {
    pending.delete(id);
    waiting.reject(error);
  }
}

/**
 * scrypt on the password thread.
 * @throws OperationalError `auth-busy` when too many hashes are already waiting.
 * @example const key = await deriveOnPasswordThread('secret', salt, { N: 32768, r: 8, p: 1, keyLength: 32 });
 */
export function deriveOnPasswordThread(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  if (pending.size >= MAX_QUEUED) {
    return Promise.reject(new OperationalError('auth-busy', 'Too many sign-ins are being checked right now: try again in a moment'));
  }
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Referenced while a hash is under way, so a script awaiting it does not exit early.
    worker.ref();
    worker.postMessage({ id, password, salt: new Uint8Array(salt), ...params });
  });
}
