/**
 * Versions of the documents a person agrees to. Raising either one makes the app ask for
 * consent again at the next start, as the terms promise.
 */

/** Current version of the terms of use. */
export const TERMS_VERSION = '1.0';

/** Current version of the privacy policy. */
export const PRIVACY_VERSION = '1.0';

/** Versions of the two documents a person agreed to, or will be asked about. */
export interface DocumentVersions {
  terms: string;
  privacy: string;
}

/** The versions this build of the app ships. */
export const CURRENT_VERSIONS: DocumentVersions = {
  terms: TERMS_VERSION,
  privacy: PRIVACY_VERSION,
};

/** True when the stored consent is missing or covers an older version of either document. */
export function needsConsent(
  agreed: DocumentVersions | null,
  current: DocumentVersions = CURRENT_VERSIONS,
): boolean {
  return agreed === null || agreed.terms !== current.terms || agreed.privacy !== current.privacy;
}
