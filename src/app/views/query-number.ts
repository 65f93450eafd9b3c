/**
 * A whole number given in a URL's query string (`limit`, `wait`): digits once. `limit=abc` or a
 * repeated `limit` (which the query parser makes an array) is refused saying what to give,
 * never as zod's coerced "expected number, received NaN".
 */
import { z } from 'zod';

export function queryWholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}, given once`;
  return z
    .string({ error: message })
    .regex(/^\d{1,15}$/, message)
    .describe(`a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}
