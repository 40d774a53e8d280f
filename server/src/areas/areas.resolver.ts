import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { Area } from './area.entity.js';
import { AreasArgs, CreateAreaInput, UpdateAreaInput } from './areas.inputs.js';
import { idsOnPath } from '../platform/scope.js';
import { createArea, findArea, listAreas, renameArea } from './areas.service.js';

/** The area tree is public: residents choose their home from it when registering. */
@Resolver(() => Area)
export class AreasResolver {
  @Query(() => Area, { nullable: true })
  area(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findArea(em, id);
  }

  @Query(() => [Area], { description: 'Children of parentId, or the roots (streets) when it is omitted' })
  areas(@Args() { parentId, kinds }: AreasArgs, @Ctx() { em }: Context) {
    return listAreas(em, parentId, kinds);
  }

  @Authorized()
  @Mutation(() => Area, { description: 'Administrators of the parent area' })
  createArea(@Arg('input') input: CreateAreaInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createArea(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Area, { description: 'Administrators of the area' })
  updateArea(@Arg('input') input: UpdateAreaInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return renameArea(em, viewer, input);
  }

  @FieldResolver(() => Area, { nullable: true })
  parent(@Root() area: Area) {
    return area.parent?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [Area])
  async children(@Root() area: Area) {
    return (await area.children.load({ dataloader: true })).getItems();
  }

  @FieldResolver(() => [Area], { description: 'From the root down to the parent of this area' })
  ancestors(@Root() area: Area, @Ctx() { em }: Context) {
    const ids = idsOnPath(area.path).slice(0, -1);
    return Promise.all(ids.map((id) => em.getReference(Area, id, { wrapped: true }).load({ dataloader: true })));
  }
}
