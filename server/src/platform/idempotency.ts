import { createHash } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type EntityManager } from '@mikro-orm/postgresql';
import { Matches } from 'class-validator';
import { conflict } from './errors.js';

/** How long a key is remembered: a retry from a phone that lost signal comes within hours, not days. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 48;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

/** The client's key for a create mutation: 8–100 letters, digits, `-` or `_` (a UUID fits). */
export const IdempotencyKeyFormat = () =>
  Matches(IDEMPOTENCY_KEY_PATTERN, { context: { key: 'idempotencyKeyFormat' } });

/**
 * A create mutation a client has already sent: the same person, operation and key return the
 * first result instead of creating again (a retried submit, an offline queue sending twice).
 * The actor is a plain id so that any feature's operation can use it.
 */
@Entity()
@Unique({ properties: ['actorId', 'operation', 'key'] })
@Index({ properties: ['createdAt'] })
export class IdempotencyKey {
  [OptionalProps]?: 'createdAt' | 'resultId';

  @PrimaryKey()
  id: number;

  @Property()
  actorId: number;

  @Property({ length: 60 })
  operation: string;

  @Property({ length: 100 })
  key: string;

  /** SHA-256 of the input, so the same key sent with a different input is refused, not answered wrongly. */
  @Property({ length: 64 })
  inputHash: string;

  @Property({ type: 'integer', nullable: true })
  resultId?: number | null;

  @Property()
  createdAt: Date = new Date();
}

export interface IdempotentCall {
  actorId: number;
  operation: string;
  key: string | null | undefined;
  /** What the client sent, compared across retries. */
  input: unknown;
}

/**
 * Runs `create` once per (actor, operation, key) inside the caller's transaction `tx`. A
 * concurrent second call waits on the unique index until the first commits, then returns the
 * first result; if the first rolled back, the second creates. Without a key, `create` just runs.
 */
export async function once<T>(
  tx: EntityManager,
  call: IdempotentCall,
  create: () => Promise<T & { id: number }>,
  loadExisting: (id: number) => Promise<T>,
): Promise<T> {
  if (!call.key) return create();
  const inputHash = createHash('sha256').update(stableJson(call.input)).digest('hex');
  const claimed = await tx.execute<{ id: number }[]>(
    `insert into idempotency_key (actor_id, operation, key, input_hash, created_at)
     values (?, ?, ?, ?, now()) on conflict (actor_id, operation, key) do nothing returning id`,
    [call.actorId, call.operation, call.key, inputHash],
  );
  const claim = claimed[0];
  if (claim) {
    const created = await create();
    await tx.execute('update idempotency_key set result_id = ? where id = ?', [created.id, claim.id], 'run');
    return created;
  }
  const [earlier] = await tx.execute<{ input_hash: string; result_id: number | null }[]>(
    'select input_hash, result_id from idempotency_key where actor_id = ? and operation = ? and key = ?',
    [call.actorId, call.operation, call.key],
  );
  if (!earlier || earlier.input_hash !== inputHash || earlier.result_id === null) {
    throw conflict({ key: 'idempotencyKeyReused' });
  }
  return loadExisting(earlier.result_id);
}

/** Forgets keys older than the TTL; one of the periodic jobs. */
export async function forgetOldIdempotencyKeys(em: EntityManager): Promise<number> {
  return em.nativeDelete(IdempotencyKey, {
    createdAt: { $lt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000) },
  });
}

/** JSON with object keys sorted, so the same input hashes the same whatever order its fields came in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
