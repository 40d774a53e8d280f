import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import type { Context } from '../platform/context.js';
import { AreaCapability, capabilitiesOf } from './capabilities.js';
import { myAreas } from './capabilities.service.js';

@Resolver(() => Area)
export class AreaCapabilitiesResolver {
  @FieldResolver(() => [AreaCapability], {
    description: 'What you may do in this area and its subtree; empty when signed out',
  })
  viewerCan(@Root() area: Area, @Ctx() { viewer }: Context): AreaCapability[] {
    return capabilitiesOf(viewer, area);
  }

  @Query(() => [Area], {
    description:
      'The topmost areas where you have the capability (area pickers start there, never outside your reach); empty when signed out',
  })
  myAreas(@Arg('capability', () => AreaCapability) capability: AreaCapability, @Ctx() { em, viewer }: Context) {
    return myAreas(em, viewer, capability);
  }
}
