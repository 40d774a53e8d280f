import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';

export enum SignInCodePurpose {
  SIGN_IN = 'SIGN_IN',
  RESET_PASSWORD = 'RESET_PASSWORD',
  REGISTER = 'REGISTER',
}
registerEnumType(SignInCodePurpose, {
  name: 'SignInCodePurpose',
  description: 'What a one-time SMS code is for',
  valuesConfig: {
    SIGN_IN: { description: 'Sign in without the password (sent only to a registered phone)' },
    RESET_PASSWORD: { description: '忘记密码: set a new one (sent only to a registered phone)' },
    REGISTER: { description: 'Prove the phone is yours when registering (sent only to an unregistered phone)' },
  },
});

/**
 * A one-time code sent by SMS. Only a salted HMAC of the code is kept; it is valid until
 * `expiresAt`, used once (`usedAt` is set by a conditional update, so of two uses at once one
 * wins), and dead after a few wrong tries. A new code for the phone and purpose replaces it.
 */
@Entity()
@Index({ properties: ['phone', 'purpose', 'id'] })
export class SignInCode {
  [OptionalProps]?: 'createdAt' | 'wrongTries' | 'usedAt';

  @PrimaryKey()
  id: number;

  @Property({ length: 11 })
  phone: string;

  @Enum({ items: () => SignInCodePurpose })
  purpose: SignInCodePurpose;

  /** Random, per code: the key of the HMAC, so equal codes never hash alike. */
  @Property({ length: 32 })
  salt: string;

  /** HMAC-SHA256(salt, code), hex. */
  @Property({ length: 64 })
  codeHash: string;

  @Property()
  wrongTries: number = 0;

  @Property()
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;

  @Property()
  createdAt: Date = new Date();
}
