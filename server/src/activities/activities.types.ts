import { ObjectType } from 'type-graphql';
import { Connection } from '../platform/pagination.js';
import { Activity, ShiftSignup } from './activity.entity.js';

@ObjectType()
export class ActivityConnection extends Connection(Activity) {}

/** The one ShiftSignupConnection (and ShiftSignupEdge): every feature listing sign-ups (records/' VolunteerSummary) imports it. */
@ObjectType()
export class ShiftSignupConnection extends Connection(ShiftSignup) {}
