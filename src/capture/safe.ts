// Every hook Homing puts into a page goes through `safe`: an exception of ours never reaches
// theme code, and a rejected promise of ours never shows up as an unhandled rejection.
export function safe<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      const result = fn(...args) as Promise<unknown> | undefined;
      if (result && typeof result.then == 'function') result.then(undefined, () => {});
    } catch {
      // swallowed on purpose: see above
    }
  };
}
