import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import type { Context } from '../platform/context.js';
import { AreaCapability, capabilitiesOf } from './capabilities.js';

@Resolver(() => Area)
export class AreaCapabilitiesResolver {
  @FieldResolver(() => [AreaCapability], {
    description: 'What you may do in this area and its subtree; empty when signed out',
  })
  viewerCan(@Root() area: Area, @Ctx() { viewer }: Context): AreaCapability[] {
    return capabilitiesOf(viewer, area);
  }
}
