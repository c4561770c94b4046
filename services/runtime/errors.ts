/**
 * Errors carry a stable code and whether retrying can help, so a loop can choose
 * between retry (retriable) and dead-letter (not retriable).
 */
export class PlaypulseError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, opts: { retriable?: boolean; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PlaypulseError';
    this.code = code;
    this.retriable = opts.retriable ?? false;
    this.details = opts.details ?? {};
  }
}

/** A configuration value is missing or invalid; names the variable. */
export class ConfigError extends PlaypulseError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFIG_INVALID', message, { retriable: false, details });
    this.name = 'ConfigError';
  }
}

/** Input that can never be processed: goes to the dead-letter topic. */
export class InvalidInputError extends PlaypulseError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { retriable: false, details });
    this.name = 'InvalidInputError';
  }
}

/** A dependency (Kafka, registry, Redis) is unavailable right now: retry later. */
export class UnavailableError extends PlaypulseError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { retriable: true, cause });
    this.name = 'UnavailableError';
  }
}

export function isRetriable(err: unknown): boolean {
  if (err instanceof PlaypulseError) return err.retriable;
  const e = err as { retriable?: unknown } | null;
  return Boolean(e && e.retriable === true);
}
