import { IsNotEmpty, Matches, MaxLength, MinLength } from 'class-validator';
import type { Translatable } from './errors.js';

/**
 * Validation decorators that carry a translatable message in class-validator's `context`,
 * so platform/errors can answer each field in the caller's language.
 */
const withMessage = (message: Translatable) => ({ context: message });

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** Trimmed text that must not be empty and may be at most `max` characters. */
export const RequiredText = (max: number) =>
  compose(
    IsNotEmpty(withMessage({ key: 'required' })),
    Matches(/\S/, withMessage({ key: 'required' })),
    MaxLength(max, withMessage({ key: 'tooLong', params: { max } })),
  );

export const OptionalText = (max: number) => MaxLength(max, withMessage({ key: 'tooLong', params: { max } }));

/** Mainland China mobile number. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
export const MobilePhone = () => Matches(MOBILE_PHONE, withMessage({ key: 'phoneFormat' }));

export const Password = (min: number, max: number) =>
  compose(
    MinLength(min, withMessage({ key: 'passwordTooShort', params: { min } })),
    MaxLength(max, withMessage({ key: 'tooLong', params: { max } })),
  );
