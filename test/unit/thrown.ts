/** The error `fn` throws, for asserting on its class, message and extensions; fails when nothing is thrown. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error to be thrown, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an error to be thrown, but the call returned normally');
}
