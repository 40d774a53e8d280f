/** What time it is. Services take one so that the demo seed can replay the past through them. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at `at`. */
export const clockAt =
  (at: Date): Clock =>
  () =>
    at;
