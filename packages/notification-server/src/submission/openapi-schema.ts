/**
 * OpenAPI description of the submission route. It documents the contract only; the body is
 * checked by `parseDiagnosisSubmission`, which gives stable error codes.
 */

const answer = {
  type: 'object',
  properties: {
    code: { type: 'string', description: '`OK` or a stable error code' },
    message: { type: 'string' },
    padding: { type: 'string', description: 'random; makes every answer the same size' },
  },
};

/** Fastify route schema of `PUT /api/v3/diagnosis`. */
export const submissionRouteSchema = {
  summary: 'Submit the daily keys of a person who tested positive',
  description:
    'Requires a processing number issued by a health center. A request with the header ' +
    '`X-Chaff` is a decoy: it is answered like a real one and stores nothing.',
  tags: ['submission'],
  headers: {
    type: 'object',
    properties: { 'x-chaff': { type: 'string', description: 'present on decoy requests' } },
  },
  body: {
    type: 'object',
    required: ['hasSymptom', 'onsetOfSymptomOrTestDate', 'keys', 'verificationPayload'],
    properties: {
      hasSymptom: { type: 'boolean' },
      onsetOfSymptomOrTestDate: { type: 'string', format: 'date-time' },
      keys: {
        type: 'array',
        maxItems: 30,
        items: {
          type: 'object',
          required: ['keyData', 'rollingStartNumber', 'rollingPeriod'],
          properties: {
            keyData: { type: 'string', description: 'base64 of 16 bytes' },
            rollingStartNumber: { type: 'integer', minimum: 0 },
            rollingPeriod: { type: 'integer', minimum: 1, maximum: 144 },
            reportType: { type: 'integer' },
            transmissionRisk: { type: 'integer' },
            daysSinceOnsetOfSymptoms: { type: 'integer' },
          },
        },
      },
      regions: { type: 'array', items: { type: 'string' } },
      platform: { type: 'string' },
      appPackageName: { type: 'string' },
      deviceVerificationPayload: { type: 'string' },
      verificationPayload: { type: 'string', description: '8-digit processing number' },
      idempotency_key: { type: 'string' },
      padding: { type: 'string' },
    },
  },
  response: {
    200: { description: 'keys accepted (or a decoy, or a repeat)', ...answer },
    400: { description: 'bad data; `code` says which rule', ...answer },
    406: { description: 'processing number not valid, expired or used', ...answer },
    413: { description: 'body over 64 KB', ...answer },
    429: { description: 'throttled', ...answer },
    503: { description: 'verification unreachable or maintenance; see Retry-After', ...answer },
  },
};
