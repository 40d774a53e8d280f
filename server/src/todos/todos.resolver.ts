import { Authorized, Query, Resolver } from 'type-graphql';
import { Todos } from './todos.type.js';

@Resolver(() => Todos)
export class TodosResolver {
  @Authorized()
  @Query(() => Todos, { description: 'What waits for you: the home page’s to-dos' })
  myTodos(): Todos {
    return new Todos();
  }
}
