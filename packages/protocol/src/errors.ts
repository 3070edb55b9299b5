/**
 * Typed errors for everything the protocol package decodes or checks. Each carries a stable
 * `code` that callers can branch on and translate; messages name the field and what was
 * expected, and never contain key material or other secrets.
 */
export class ProtocolError extends Error {
  /** Stable, machine-readable reason, e.g. `EXPORT_SIGNATURE_INVALID`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

/** Thrown when an input is larger than a configured limit (zip bombs, oversized files). */
export class LimitError extends ProtocolError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'LimitError';
  }
}
