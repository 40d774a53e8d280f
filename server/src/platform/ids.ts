import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

/** GraphQL IDs arrive as strings; anything that is not a positive integer matches no row. */
export function toId(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= 2_147_483_647 ? id : null;
}

/** The row behind a GraphQL ID, or null when the ID is malformed or matches nothing. */
export async function findById<T extends object, Hint extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string | number | null | undefined,
  options?: Parameters<typeof em.findOne<T, Hint>>[2],
) {
  const rowId = toId(id);
  // A bare primary key is a valid condition for every entity; TypeScript cannot see that for a generic one.
  type Where = Parameters<typeof em.findOne<T, Hint>>[1];
  return rowId === null ? null : em.findOne<T, Hint>(entity, rowId as unknown as Where, options);
}

/** An ILIKE/LIKE pattern matching `text` anywhere, with its own wildcards taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
