import type { Feature } from '../media/media.module.js';
import { TodosResolver } from './todos.resolver.js';

/** To-dos (待办): the Todos type and myTodos; the counts come from the features that own them. */
export const todosModule: Feature = {
  resolvers: [TodosResolver],
};
