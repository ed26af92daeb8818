/**
 * Records changed in this process, as they commit: what live pages (the inbox) follow to
 * refresh without a reload. In-process only: another process's commits are seen by the
 * pages' periodic refresh instead.
 */
export interface RecordChange {
  entity: string;
  id: string;
}

export type ChangeListener = (changes: RecordChange[]) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  /** Listen until the returned function is called. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(changes: RecordChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch {
        // A listener's failure is its own (a closed connection): others still hear.
      }
    }
  }
}
