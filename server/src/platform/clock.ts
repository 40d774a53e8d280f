/** What time it is. Services take one so that the demo seed can replay the past through them. */
export type Clock = () => Date;

/**
 * How far the system clock runs ahead of the machine's: 0 in the app. Only the browser tests move
 * it (tests/helpers/app.ts, whose app runs inside the test's own process), to reach a shift's
 * start or a check-in code's next minute without waiting for it. Nothing the app reads — its
 * configuration, the environment, a request — can set it; only code running in its process can.
 */
let aheadMs = 0;

export const systemClock: Clock = () => new Date(Date.now() + aheadMs);

/** Runs `systemClock` this far ahead of the machine's clock (0 puts it back). For the browser tests only. */
export function runSystemClockAhead(ms: number): void {
  aheadMs = ms;
}

/** A clock stopped at `at`. */
export const clockAt =
  (at: Date): Clock =>
  () =>
    at;
