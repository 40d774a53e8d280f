import { IsNotEmpty, Matches, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import type { Translatable } from './errors.js';

/**
 * Validation decorators that carry a translatable message in class-validator's `context`,
 * so platform/errors can answer each field in the caller's language.
 */
const withMessage = (message: Translatable) => ({ context: message });

/**
 * At most `max` code points, as PostgreSQL's varchar(n) counts. class-validator's MaxLength
 * counts surrogate pairs once (as PostgreSQL does) but leaves out variation selectors,
 * which PostgreSQL counts: "❤️" × 80 passed it and then failed to store.
 */
const MaxCodePoints = (max: number, options: ValidationOptions) =>
  ValidateBy(
    {
      name: 'maxCodePoints',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || [...value].length <= max,
        // Not shown (the context's message is); class-validator keeps the context only beside a non-empty one.
        defaultMessage: () => `$property: at most ${max} code points`,
      },
    },
    options,
  );

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** Trimmed text that must not be empty and may be at most `max` characters. */
export const RequiredText = (max: number) =>
  compose(
    IsNotEmpty(withMessage({ key: 'required' })),
    Matches(/\S/, withMessage({ key: 'required' })),
    MaxCodePoints(max, withMessage({ key: 'tooLong', params: { max } })),
  );

export const OptionalText = (max: number) => MaxCodePoints(max, withMessage({ key: 'tooLong', params: { max } }));

/** Mainland China mobile number. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
export const MobilePhone = () => Matches(MOBILE_PHONE, withMessage({ key: 'phoneFormat' }));

export const Password = (min: number, max: number) =>
  compose(
    MinLength(min, withMessage({ key: 'passwordTooShort', params: { min } })),
    MaxCodePoints(max, withMessage({ key: 'tooLong', params: { max } })),
  );
