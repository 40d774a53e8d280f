import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../platform/pagination.js';
import { MobilePhone, OptionalText, Password, RequiredText } from '../platform/validation.js';
import { DISPLAY_NAME_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, SIGN_IN_CODE_LENGTH } from './people.limits.js';
import { SignInCodePurpose } from './sign-in-code.entity.js';

/** The digits of an SMS code, nothing else. */
const SignInCodeFormat = () =>
  Matches(new RegExp(`^\\d{${SIGN_IN_CODE_LENGTH}}$`), {
    context: { key: 'codeFormat', params: { length: SIGN_IN_CODE_LENGTH } },
  });
import { Role } from '../platform/auth/roles.js';

@InputType()
export class RegisterInput {
  @Field({ description: 'Mainland mobile number, 11 digits starting 1[3-9]' })
  @MobilePhone()
  phone: string;

  @Field({ description: 'At least 8 characters' })
  @Password(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;

  @Field()
  @RequiredText(DISPLAY_NAME_MAX)
  displayName: string;

  @Field(() => ID, { description: 'A community, village, grid or building' })
  homeAreaId: string;

  @Field({
    nullable: true,
    description: 'The REGISTER code sent to the phone; required when authSettings.registrationNeedsCode',
  })
  @IsOptional()
  @SignInCodeFormat()
  code?: string;
}

@ArgsType()
export class RequestSignInCodeArgs {
  @Field({ description: 'Mainland mobile number, 11 digits starting 1[3-9]' })
  @MobilePhone()
  phone: string;

  @Field(() => SignInCodePurpose, { nullable: true, description: 'SIGN_IN when omitted' })
  @IsOptional()
  purpose?: SignInCodePurpose;
}

@ArgsType()
export class SignInWithCodeArgs {
  @Field()
  @MobilePhone()
  phone: string;

  @Field({ description: 'The digits of the SMS code' })
  @SignInCodeFormat()
  code: string;
}

@ArgsType()
export class ResetPasswordArgs extends SignInWithCodeArgs {
  @Field({ description: 'At least 8 characters' })
  @Password(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  currentPassword: string;

  @Field({ description: 'At least 8 characters' })
  @Password(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

/** A page of people, optionally searched by name or phone. */
@ArgsType()
export class PersonSearchArgs extends PageArgs {
  @Field({ nullable: true, description: 'Part of the name or phone number' })
  @IsOptional()
  @OptionalText(50)
  search?: string;
}

@ArgsType()
export class UsersArgs extends PersonSearchArgs {
  @Field(() => ID, { description: 'People living in, or holding a role in, this area subtree' })
  areaId: string;

  @Field(() => [Role], { nullable: true, description: 'Only people holding one of these roles in the subtree' })
  roles?: Role[];
}
