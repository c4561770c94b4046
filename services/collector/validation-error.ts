/**
 * Validation errors of UAV activity bodies: which field (a JSON path such as
 * `metadata.editorialId` or `activities[3].deviceId`), which rule (a stable code), and a message.
 */
import { InvalidInputError } from '../runtime/errors.ts';

/** Stable rule codes. Clients and dead-letter attributes may match on them. */
export type ValidationRule =
  | 'required' // mandatory field missing, null or (where not allowed) empty
  | 'type' // wrong JSON type (or a number that must be an integer is not)
  | 'format' // right type, wrong shape (date-time, activity name, id charset)
  | 'enum' // not one of the allowed values (contentType, contentSource)
  | 'range' // number out of range (negative count, ...)
  | 'maxLength' // string too long
  | 'maxItems'; // batch with too many items

export interface ValidationError {
  /** JSON path of the offending field; `$` is the body itself. Known fields use their canonical name. */
  field: string;
  rule: ValidationRule;
  message: string;
}

/** One line per error, e.g. `metadata.editorialId: required (required for contentType live-event)`. */
export function formatValidationErrors(errors: readonly ValidationError[]): string {
  return errors.map((e) => `${e.field}: ${e.rule} (${e.message})`).join('; ');
}

/** The errors as an InvalidInputError (code VALIDATION_FAILED, not retriable), for dead-lettering. */
export function validationFailed(errors: readonly ValidationError[]): InvalidInputError {
  return new InvalidInputError('VALIDATION_FAILED', formatValidationErrors(errors), { errors });
}
