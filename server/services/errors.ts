// What a service answers when a rule says no. The services know nothing of HTTP: the one mapping
// to a status and an error code is `handleError` in server/http/errors.ts. Messages are what the
// user reads: they say what to do next.

export type DomainErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'limit_reached' | 'confirmation_required';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    /** Sent to the client beside the message (`error.details`): what it needs to act on the refusal. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Does not exist, or the caller may not know that it does. */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(what = 'That resource') {
    super(`${what} does not exist.`);
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(message = 'Your role does not allow this.', details?: unknown) {
    super(message, details);
  }
}

/** Someone else got there first; `current` is the state to review and retry from. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, current?: unknown) {
    super(message, current === undefined ? undefined : { current });
  }
}

/** The request is well-formed but asks for something the rules do not allow. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(message: string, field?: { path: string; message: string }) {
    super(message, field === undefined ? undefined : { fields: [field] });
  }
}

export class LimitReached extends DomainError {
  readonly kind = 'limit_reached';
  constructor(what: string, limit: number) {
    super(`${what}: at most ${limit} are kept. Nothing was changed.`, { limit });
  }
}

/** Allowed, but only once the user confirms: the client asks and sends the same change again, confirmed. */
export class ConfirmationRequired extends DomainError {
  readonly kind = 'confirmation_required';
}
