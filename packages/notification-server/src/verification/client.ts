/**
 * Asks the health-center system whether a processing number was issued to a confirmed case,
 * over the verification contract in `@cocoa/protocol`. The number goes nowhere else.
 */
import {
  parseVerificationResponse,
  VERIFICATION_PATH,
  VERIFICATION_SECRET_HEADER,
  type VerificationResponse,
} from '@cocoa/protocol';

/** The health-center system could not give an answer (down, timeout, protocol error). */
export class VerificationUnavailableError extends Error {
  constructor(reason: string) {
    super(`verification unavailable: ${reason}`);
    this.name = 'VerificationUnavailableError';
  }
}

/** Anything that can verify a processing number; tests and the simulator may swap it. */
export interface Verifier {
  verify(processingNumber: string): Promise<VerificationResponse>;
}

/** A `Verifier` that calls the health-center system over HTTP. */
export function createHttpVerifier(options: {
  url: string;
  secret: string;
  timeoutMs: number;
}): Verifier {
  const endpoint = new URL(VERIFICATION_PATH, options.url).toString();
  return {
    async verify(processingNumber) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [VERIFICATION_SECRET_HEADER]: options.secret,
          },
          body: JSON.stringify({ processingNumber }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (e) {
        // The cause may quote the request; keep only its class so nothing secret is logged.
        throw new VerificationUnavailableError(e instanceof Error ? e.name : 'network error');
      }

      if (response.status !== 200) {
        await response.body?.cancel();
        throw new VerificationUnavailableError(`status ${response.status}`);
      }
      try {
        return parseVerificationResponse(await response.json());
      } catch {
        throw new VerificationUnavailableError('answer does not follow the contract');
      }
    },
  };
}
