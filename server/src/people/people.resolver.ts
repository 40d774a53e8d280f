import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Field,
  Int,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import { clearSessionCookie, setSessionCookie } from '../platform/auth/cookies.js';
import { announceOtherSessionsEnded, announceSessionEnded } from './session-ends.js';
import { createSession, endSession, findViewer } from './sessions.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import {
  ChangePasswordArgs,
  RegisterInput,
  RequestSignInCodeArgs,
  ResetPasswordArgs,
  SignInWithCodeArgs,
  UsersArgs,
} from './people.inputs.js';
import { grantOn, showsFullName } from './people.access.js';
import { maskName, maskPhone, PEOPLE_READERS } from './people.rules.js';
import {
  areaPathsOf,
  assignRole,
  authenticate,
  authenticateWithCode,
  canSeePersonalData,
  changePassword,
  findVisibleUser,
  listUsers,
  register,
  resetPassword,
  revokeRole,
} from './people.service.js';
import { requestSignInCode } from './sign-in-codes.js';
import { SignInCodePurpose } from './sign-in-code.entity.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';
import {
  REGISTER_RATE_LIMIT,
  SIGN_IN_CODE_ADDRESS_LIMIT,
  SIGN_IN_CODE_LENGTH,
  SIGN_IN_CODE_RESEND_SECONDS,
} from './people.limits.js';

@ObjectType()
class AuthPayload {
  @Field({ description: 'Session token for API clients (Authorization: Bearer); the web app uses the cookie' })
  token: string;

  @Field(() => User)
  user: User;
}

/** The phone in full: for the person, those over them, and where a need of theirs grants it (its assignee). */
async function phoneShown(viewer: Viewer | null, user: User): Promise<boolean> {
  if (viewer?.id === user.id || grantOn(user).phone) return true;
  return canSeePersonalData(viewer, user, await areaPathsOf(user));
}

@ObjectType({ description: 'How signing in and registering work on this server' })
class AuthSettings {
  @Field({ description: 'register needs a REGISTER code sent to the phone (requestSignInCode)' })
  registrationNeedsCode: boolean;

  @Field(() => Int, { description: 'Digits in an SMS code' })
  codeLength: number;

  @Field(() => Int, { description: 'Seconds before another code may be asked for the same phone' })
  resendAfterSeconds: number;
}

@ObjectType()
export class UserConnection extends Connection(User) {}

async function signIn(ctx: Context, user: User): Promise<AuthPayload> {
  const { token, expiresAt } = await createSession(
    ctx.em,
    user,
    ctx.config.sessionTtlDays,
    ctx.request.headers['user-agent'],
  );
  setSessionCookie(ctx, token, expiresAt);
  // The rest of this response (the user's roles, full phone) is resolved as the new session.
  ctx.sessionToken = token;
  ctx.viewer = await findViewer(ctx.em, token);
  return { token, user };
}

@Resolver(() => User)
export class PeopleResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in person, or null' })
  me(@Ctx() { viewer }: Context) {
    return viewer?.user ?? null;
  }

  @Authorized()
  @Query(() => User, {
    nullable: true,
    description: 'Yourself, or someone in an area where you are staff, administrator or grid worker',
  })
  user(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return findVisibleUser(em, viewer, id);
  }

  @Authorized()
  @Query(() => UserConnection, { description: 'Staff, administrators and grid workers: people of an area subtree' })
  users(@Args() args: UsersArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return listUsers(em, viewer, args);
  }

  @Query(() => AuthSettings)
  authSettings(@Ctx() { config }: Context): AuthSettings {
    return {
      registrationNeedsCode: config.registrationRequiresCode,
      codeLength: SIGN_IN_CODE_LENGTH,
      resendAfterSeconds: SIGN_IN_CODE_RESEND_SECONDS,
    };
  }

  @RateLimited(REGISTER_RATE_LIMIT)
  @Mutation(() => AuthPayload, { description: 'Become a resident of the chosen home area, and sign in' })
  async register(@Arg('input') input: RegisterInput, @Ctx() ctx: Context) {
    const options = { requireCode: ctx.config.registrationRequiresCode, ip: ctx.request.ip };
    return signIn(ctx, await register(ctx.em, input, options));
  }

  @RateLimited(SIGN_IN_CODE_ADDRESS_LIMIT)
  @Mutation(() => Boolean, {
    description:
      'Sends a one-time SMS code (SIGN_IN and RESET_PASSWORD to a registered phone, REGISTER to a free one); true for every well-formed phone, whether or not a code went out',
  })
  async requestSignInCode(@Args() { phone, purpose }: RequestSignInCodeArgs, @Ctx() { em }: Context) {
    await requestSignInCode(em, phone, purpose ?? SignInCodePurpose.SIGN_IN);
    return true;
  }

  @Mutation(() => AuthPayload, { description: 'Sign in with a SIGN_IN code instead of the password' })
  async signInWithCode(@Args() { phone, code }: SignInWithCodeArgs, @Ctx() ctx: Context) {
    return signIn(ctx, await authenticateWithCode(ctx.em, phone, code, ctx.request.ip));
  }

  @Mutation(() => AuthPayload, {
    description: '忘记密码: a new password with a RESET_PASSWORD code; ends every other session, and signs in',
  })
  async resetPassword(@Args() { phone, code, newPassword }: ResetPasswordArgs, @Ctx() ctx: Context) {
    const user = await resetPassword(ctx.em, phone, code, newPassword, ctx.request.ip);
    const payload = await signIn(ctx, user);
    // Every session but the new one has ended: their WebSockets close on every instance.
    announceOtherSessionsEnded(ctx.events, user.id, payload.token);
    return payload;
  }

  @Mutation(() => AuthPayload)
  async login(@Arg('phone') phone: string, @Arg('password') password: string, @Ctx() ctx: Context) {
    return signIn(ctx, await authenticate(ctx.em, phone, password, ctx.request.ip));
  }

  @Mutation(() => Boolean, { description: 'Ends the current session; true even when there was none' })
  async logout(@Ctx() ctx: Context) {
    if (ctx.sessionToken) {
      await endSession(ctx.em, ctx.sessionToken);
      if (ctx.viewer) announceSessionEnded(ctx.events, ctx.viewer.id, ctx.sessionToken);
    }
    clearSessionCookie(ctx);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Your own password; signs out your other devices' })
  async changePassword(
    @Args() { currentPassword, newPassword }: ChangePasswordArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em, sessionToken, request, events }: Context,
  ) {
    await changePassword(em, viewer, sessionToken, currentPassword, newPassword, request.ip);
    announceOtherSessionsEnded(events, viewer.id, sessionToken);
    return true;
  }

  @Authorized()
  @Mutation(() => RoleAssignment, { description: 'Administrators of the area' })
  assignRole(
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => Role) role: Role,
    @Arg('areaId', () => ID) areaId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return assignRole(em, viewer, userId, role, areaId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Administrators of the area the role is held on' })
  revokeRole(
    @Arg('assignmentId', () => ID) assignmentId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return revokeRole(em, viewer, assignmentId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'In full for the person, for staff, administrators and grid workers over them, and for the assignee of a need of theirs (read through the need); masked (138****0001) for others',
  })
  async phone(@Root() user: User, @Ctx() { viewer }: Context) {
    return (await phoneShown(viewer, user)) ? user.phone : maskPhone(user.phone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The number to call (tel: links): for those who see the phone in full; null for others',
  })
  async callablePhone(@Root() user: User, @Ctx() { viewer }: Context) {
    return (await phoneShown(viewer, user)) ? user.phone : null;
  }

  @FieldResolver(() => String, {
    description:
      'In full for the person, those who may see their phone, people in a public role (staff, officials, grid workers, unit contacts), and, read through a need of theirs, those it concerns (its raiser, resident, assignee, the workers over its area); masked (赵**) for others',
  })
  async displayName(@Root() user: User, @Ctx() { viewer }: Context) {
    if (grantOn(user).name) return user.displayName;
    const roles = (await user.roles.load({ dataloader: true })).getItems().map((assignment) => assignment.role);
    const full = showsFullName(canSeePersonalData(viewer, user, await areaPathsOf(user)), roles);
    return full ? user.displayName : maskName(user.displayName);
  }

  @FieldResolver(() => Area, {
    nullable: true,
    description: 'Where the person lives: for the person and those who may see their phone; null for others',
  })
  async homeArea(@Root() user: User, @Ctx() { viewer }: Context) {
    if (!canSeePersonalData(viewer, user, await areaPathsOf(user))) return null;
    return user.homeArea?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [RoleAssignment], { description: 'All roles for the person; for others, those in your areas' })
  async roles(@Root() user: User, @Ctx() { viewer }: Context) {
    const assignments = (await user.roles.load({ dataloader: true })).getItems();
    if (viewer?.id === user.id) return assignments;
    const areas = await Promise.all(assignments.map((a) => a.area.load({ dataloader: true })));
    return assignments.filter((_, i) => viewer?.hasRoleOver(PEOPLE_READERS, areas[i]!.path));
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Area)
  area(@Root() assignment: RoleAssignment) {
    return assignment.area.load({ dataloader: true });
  }

  @FieldResolver(() => User)
  user(@Root() assignment: RoleAssignment) {
    return assignment.user.load({ dataloader: true });
  }
}
