/**
 * The two Agenda backends (DESIGN.md decision 5): ours over the tourflow Store by
 * default, @agendajs/mongo-backend when MONGODB_URL is set (./mongo-agenda-backend.ts,
 * loaded only then). Both come with an in-process notification channel, so a job saved by
 * this process is locked at once when it is due before the next poll; jobs saved by other
 * processes are found by polling.
 */
import { InMemoryNotificationChannel, type AgendaBackend, type NotificationChannel } from 'agenda';
import type { Store } from '../store/store.js';
import { StoreJobRepository, type StoreJobRepositoryOptions } from './store-job-repository.js';

/** Agenda's backend over the tourflow Store; the Store is opened and closed by its owner. */
export class StoreAgendaBackend implements AgendaBackend {
  readonly name = 'tourflow-store';
  readonly ownsConnection = false;
  readonly notificationChannel: NotificationChannel = new InMemoryNotificationChannel();
  readonly repository: StoreJobRepository;

  constructor(store: Store, options: StoreJobRepositoryOptions = {}) {
    this.repository = new StoreJobRepository(store, options);
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // The Store belongs to whoever opened it.
  }
}

/** A backend with the handle that closes what it opened. */
export interface OwnedBackend {
  backend: AgendaBackend;
  close(): Promise<void>;
}
