// One ticking clock for every countdown on the page: a list of fifty needs sets one timer, not fifty.
let now = $state(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** The current time as rune state, updated every half minute while a component uses it. Call from component setup. */
export function useNow(): { readonly value: number } {
  $effect(() => {
    if (users++ === 0) {
      now = Date.now();
      timer = setInterval(() => (now = Date.now()), 30_000);
    }
    return () => {
      if (--users === 0) clearInterval(timer);
    };
  });
  return {
    get value() {
      return now;
    },
  };
}
