import { ObjectType } from 'type-graphql';

/**
 * What waits for the signed-in person, as counts. Holds nothing itself: each feature adds its
 * counts as field resolvers on Todos (needs/needs.todos.ts is the example), each asked only
 * when the client asks for it.
 */
@ObjectType({ description: 'Counts of what waits for you, one field per kind, added by each feature' })
export class Todos {}
