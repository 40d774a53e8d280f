import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import type { NonEmptyArray } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { createLocalEventBus, type EventBus } from './events.js';
import { rejectBadValues } from './input-guards.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for a resolver class
export type Resolvers = NonEmptyArray<Function>;

/** `events`: the app's own bus, which subscriptions listen on (one per app, never module-wide). */
export function buildGraphQLSchema(resolvers: Resolvers, events: EventBus): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    pubSub: events,
    globalMiddlewares: [rejectBadValues],
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
}

/** The SDL committed as schema/schema.graphql: the contract between server and web. */
export async function printGraphQLSchema(resolvers: Resolvers): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphQLSchema(resolvers, createLocalEventBus())))}\n`;
}
