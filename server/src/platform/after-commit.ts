import type { EntityManager, EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/postgresql';
import type { EventBus } from './events.js';

/** Runs once the outermost transaction has committed; gets the app's event bus to publish on. */
export type AfterCommit = (events: EventBus) => void;

type Transaction = object;

/** Callbacks per transaction (or savepoint); a savepoint's move to its parent when it is released. */
const pending = new WeakMap<Transaction, AfterCommit[]>();
const parentOf = new WeakMap<Transaction, Transaction>();
/** Between a nested transaction's two start events: the fork that is starting one → its parent's transaction. */
const startingIn = new WeakMap<object, Transaction>();

const isSavepoint = (transaction: Transaction) => 'savepointName' in transaction;

/**
 * Arranges `callback` to run after the transaction `em` belongs to commits, and never when it
 * rolls back: for publishing to the event bus from deep inside a service (a notification, say),
 * so subscribers never hear of a row they then cannot read. Throws outside a transaction.
 */
export function afterCommit(em: EntityManager, callback: AfterCommit): void {
  const transaction = em.getTransactionContext<Transaction>();
  if (!transaction) throw new Error('afterCommit needs a transaction');
  queue(transaction, callback);
}

function queue(transaction: Transaction, ...callbacks: AfterCommit[]) {
  const queued = pending.get(transaction);
  if (queued) queued.push(...callbacks);
  else pending.set(transaction, callbacks);
}

class AfterCommitSubscriber implements EventSubscriber {
  constructor(private readonly events: EventBus) {}

  beforeTransactionStart({ em, transaction }: TransactionEventArgs) {
    // Set only for a nested transaction (a savepoint): the transaction it is nested in.
    if (transaction) startingIn.set(em, transaction);
  }

  afterTransactionStart({ em, transaction }: TransactionEventArgs) {
    const parent = startingIn.get(em);
    if (transaction && parent && isSavepoint(transaction)) parentOf.set(transaction, parent);
    startingIn.delete(em);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs) {
    if (!transaction) return;
    const callbacks = pending.get(transaction);
    if (!callbacks) return;
    pending.delete(transaction);
    const parent = parentOf.get(transaction);
    if (isSavepoint(transaction) && parent) {
      queue(parent, ...callbacks);
      return;
    }
    for (const callback of callbacks) callback(this.events);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs) {
    if (transaction) pending.delete(transaction);
  }
}

/** Called once by the composition root, when the event bus exists. */
export function runAfterCommits(orm: MikroORM, events: EventBus): void {
  orm.em.getEventManager().registerSubscriber(new AfterCommitSubscriber(events));
}
