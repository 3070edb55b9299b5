/**
 * Serves the two exposure configuration documents with a version (a content hash) in the
 * `ETag` and `X-Configuration-Version` headers and in `version.json`, so a phone notices a
 * changed configuration instead of scoring with a stale cached one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  parseCocoaExposureConfiguration,
  parseCocoaRiskCalculationConfiguration,
} from '@cocoa/protocol';
import {
  DEFAULT_EXPOSURE_CONFIGURATION,
  DEFAULT_RISK_CALCULATION_CONFIGURATION,
} from './defaults.ts';

/** URL prefix of the configuration documents. */
export const EXPOSURE_CONFIGURATION_PREFIX = '/exposure_configuration';

/** The documents as served, with their version. */
export interface ExposureConfigurationDocuments {
  configuration: string;
  riskCalculation: string;
  version: string;
}

/** Loads the documents (defaults or files), checks both parse, and computes the version. */
export function loadExposureConfiguration(paths: {
  exposureConfigurationPath?: string;
  riskCalculationConfigurationPath?: string;
}): ExposureConfigurationDocuments {
  const configuration = paths.exposureConfigurationPath
    ? readFileSync(paths.exposureConfigurationPath, 'utf8')
    : JSON.stringify(DEFAULT_EXPOSURE_CONFIGURATION);
  const riskCalculation = paths.riskCalculationConfigurationPath
    ? readFileSync(paths.riskCalculationConfigurationPath, 'utf8')
    : JSON.stringify(DEFAULT_RISK_CALCULATION_CONFIGURATION);

  // A document phones cannot read must stop the server, not reach millions of phones.
  parseCocoaExposureConfiguration(JSON.parse(configuration));
  parseCocoaRiskCalculationConfiguration(JSON.parse(riskCalculation));

  const version = createHash('sha256')
    .update(configuration)
    .update('\n')
    .update(riskCalculation)
    .digest('hex')
    .slice(0, 16);
  return { configuration, riskCalculation, version };
}

/** Registers the configuration routes. */
export async function exposureConfigurationRoutes(
  app: FastifyInstance,
  options: { documents: ExposureConfigurationDocuments },
) {
  const { documents } = options;
  const serve = (body: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const etag = `"${documents.version}"`;
    reply
      .header('etag', etag)
      .header('x-configuration-version', documents.version)
      .header('cache-control', 'public, max-age=300')
      .header('content-type', 'application/json; charset=utf-8');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  };
  const schema = { tags: ['configuration'] };

  app.get(
    `${EXPOSURE_CONFIGURATION_PREFIX}/configuration.json`,
    { schema: { ...schema, summary: 'COCOA exposure configuration' } },
    serve(documents.configuration),
  );
  app.get(
    `${EXPOSURE_CONFIGURATION_PREFIX}/risk_calculation_configuration.json`,
    { schema: { ...schema, summary: 'COCOA contact-day thresholds' } },
    serve(documents.riskCalculation),
  );
  app.get(
    `${EXPOSURE_CONFIGURATION_PREFIX}/version.json`,
    { schema: { ...schema, summary: 'Version of both documents' } },
    serve(JSON.stringify({ version: documents.version })),
  );
}
