import {
  Cursor,
  DriverException,
  type EntityManager,
  type EntityMetadata,
  type FilterQuery,
  type FindByCursorOptions,
} from '@mikro-orm/postgresql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';
import { isSaneDate } from './input-guards.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * One Relay-style connection type per node type: `XConnection { edges { cursor node } pageInfo totalCount }`.
 * The edge is `<Node>Edge` unless `name` names it otherwise (VolunteerProfile's is VolunteerEdge).
 */
export function Connection<T extends object>(Node: ClassType<T>, name: string = Node.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field()
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All items matching the filter, over every page' })
    totalCount: number;
  }
  return ConnectionType;
}

/** The page size asked for, or DEFAULT_PAGE_SIZE; BAD_USER_INPUT on `first` outside 1–MAX_PAGE_SIZE. */
export function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: { key: 'pageTooLarge', params: { max: MAX_PAGE_SIZE } } });
  }
  return first;
}

/**
 * A cursor this server made for `orderBy`: one value per ordering column, of that
 * column's type (a date as text, a number), nothing else.
 */
function checkCursor(meta: EntityMetadata, after: string | undefined, orderBy: unknown): string | undefined {
  if (!after) return undefined;
  const columns = (Array.isArray(orderBy) ? orderBy : [orderBy]).flatMap((order) => Object.keys(order ?? {}));
  const fits = (value: unknown, column: string) => {
    const type = meta.properties[column as never]?.runtimeType;
    if (type === 'Date') return typeof value === 'string' && isSaneDate(new Date(value));
    if (type === 'number') return Number.isSafeInteger(value);
    return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  };
  try {
    const values: unknown = Cursor.decode(after);
    if (Array.isArray(values) && values.length === columns.length && values.every((v, i) => fits(v, columns[i]!))) {
      return after;
    }
  } catch {
    // fall through to the field error
  }
  throw badCursor();
}

const badCursor = () => badInput({ after: { key: 'badCursor' } });

/** PostgreSQL's data exceptions (class 22: a value of the wrong type or out of range) come from the cursor's values. */
const isDataException = (error: unknown) =>
  error instanceof DriverException && typeof error.code === 'string' && error.code.startsWith('22');

/**
 * Keyset pagination through MikroORM's findByCursor; the order must end on a unique column.
 * `count`, when given, answers totalCount exactly without counting the rows (from a rollup, say),
 * or null to have them counted.
 */
export async function paginate<T extends object, Hint extends string = never>(
  em: EntityManager,
  entity: ClassType<T>,
  where: FilterQuery<NoInfer<T>>,
  page: PageArgs,
  {
    count,
    ...options
  }: Pick<FindByCursorOptions<NoInfer<T>, Hint>, 'orderBy' | 'populate'> & { count?: () => Promise<number | null> },
): Promise<ConnectionShape<T>> {
  const after = checkCursor(em.getMetadata(entity), page.after, options.orderBy);
  const counted = count ? await count() : null;
  const cursor = await em
    .findByCursor<T, Hint, never, never, boolean>(entity, {
      where,
      first: pageSize(page.first),
      after,
      includeCount: counted === null,
      ...options,
    })
    .catch((error: unknown) => {
      throw after && isDataException(error) ? badCursor() : error;
    });
  return {
    edges: cursor.items.map((node) => ({ cursor: cursor.from(node), node: node as T })),
    pageInfo: { hasNextPage: cursor.hasNextPage, endCursor: cursor.endCursor },
    totalCount: counted ?? cursor.totalCount ?? 0,
  };
}
