/** A value loaded once, on first call; a failed load is retried on the next call. */
export interface Lazy<T> {
  (): Promise<T>;
  /** Whether a load succeeded already (without starting one). */
  loaded(): boolean;
}

/** Runs `load` once, on first call, and shares its promise. */
export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | undefined;
  let done = false;
  const get = (): Promise<T> => {
    pending ??= load().then(
      (value) => {
        done = true;
        return value;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return Object.assign(get, { loaded: () => done });
}
