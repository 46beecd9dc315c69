import { expect } from 'vitest';

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The error of class `errorClass` that `run` throws; fails the test if it throws nothing or something else. */
export function thrownBy<E>(errorClass: ErrorClass<E>, run: () => unknown): E {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(errorClass);
  return caught as E;
}

/** The error of class `errorClass` that `promise` rejects with. */
export async function rejectionOf<E>(errorClass: ErrorClass<E>, promise: Promise<unknown>): Promise<E> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(errorClass);
  return caught as E;
}
