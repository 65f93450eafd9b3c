/**
 * Bad input at a door (CLI arguments, a request body, a tool's arguments): an InputError the door
 * itself found. The core throws InputError; the doors catch InputError, which includes this.
 */
import { InputError } from './input-error.js';

export { INPUT_CODES, type InputCode } from './input-error.js';

export class UsageError extends InputError {
  override readonly name: string = 'UsageError';
}
