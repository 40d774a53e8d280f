import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { RequiredText } from '../platform/validation.js';
import { AreaKind } from './area.entity.js';
import { AREA_NAME_MAX } from './areas.limits.js';

@InputType()
export class CreateAreaInput {
  @Field()
  @RequiredText(AREA_NAME_MAX)
  name: string;

  @Field(() => AreaKind)
  kind: AreaKind;

  @Field(() => ID, { nullable: true, description: 'The parent area; streets (roots) are created on the command line' })
  parentId?: string;
}

@InputType()
export class UpdateAreaInput {
  @Field(() => ID)
  id: string;

  @Field()
  @RequiredText(AREA_NAME_MAX)
  name: string;
}

@ArgsType()
export class AreasArgs {
  @Field(() => ID, { nullable: true, description: 'Children of this area; the roots when omitted' })
  parentId?: string;

  @Field(() => [AreaKind], { nullable: true, description: 'Only these kinds' })
  kinds?: AreaKind[];
}
