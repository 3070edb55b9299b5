/**
 * A notification server in miniature for engine tests: a `fetch` that serves `list.json`,
 * signed export zips (built with the protocol package's Node helpers), COCOA's production
 * configuration from the shared data, and accepts submissions. It stands in for HTTP only;
 * every byte the engine verifies is real.
 */
import { readFileSync } from 'node:fs';
import {
  ECDSA_P256_SHA256_OID,
  ReportType,
  encodeCocoaList,
  type CocoaListEntry,
  type DiagnosisSubmissionBody,
  type TemporaryExposureKey,
} from '@cocoa/protocol';
import { buildSignedExportZip, generateSigningKeyPair, sharedDataPath } from '@cocoa/protocol/node';
import type { Clock } from '../clock.ts';
import { fromBase64 } from '../records.ts';
import type { DeviceServerConfig, VerificationKey } from '../types.ts';

const ORIGIN = 'https://cdn.example.test';

/** One request the fake saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** The fake and its controls. */
export interface FakeBackend {
  fetch: typeof fetch;
  server: DeviceServerConfig;
  verificationKeys: VerificationKey[];
  requests: SeenRequest[];
  /** Submissions without `X-Chaff`. */
  submissions: DiagnosisSubmissionBody[];
  /** Publishes `keys` (default: every real submission so far) as one signed export file. */
  publish(keys?: TemporaryExposureKey[]): void;
  /** Adds a list entry pointing at arbitrary bytes (tampered or foreign files). */
  publishRaw(zip: Uint8Array): void;
  /** Status codes the next submissions get, in order. */
  submissionStatuses: number[];
  /** Replaces the risk-calculation document served from now on. */
  riskConfiguration: unknown;
  /** Offset added to the `Date` header, to simulate a phone clock that is off. */
  dateOffsetMs: number;
  /** When true every request fails at the network level. */
  offline: boolean;
}

/** Creates the fake on the given clock. */
export function createFakeBackend(clock: Clock, region = '440'): FakeBackend {
  const signingKey = generateSigningKeyPair();
  const info = {
    verificationKeyId: region,
    verificationKeyVersion: 'v1',
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
  const files = new Map<string, Uint8Array>();
  const entries: CocoaListEntry[] = [];
  const exposureConfiguration = readFileSync(
    sharedDataPath('cocoa-config', 'configuration.json'),
    'utf8',
  );

  const fake: FakeBackend = {
    requests: [],
    submissions: [],
    submissionStatuses: [],
    riskConfiguration: JSON.parse(
      readFileSync(sharedDataPath('cocoa-config', 'risk_calculation_configuration.json'), 'utf8'),
    ) as unknown,
    dateOffsetMs: 0,
    offline: false,
    server: {
      submissionUrl: `${ORIGIN}/api/v3/diagnosis`,
      listUrl: `${ORIGIN}/${region}/list.json`,
      exposureConfigurationUrl: `${ORIGIN}/exposure_configuration/Configuration.json`,
      riskCalculationConfigurationUrl: `${ORIGIN}/exposure_risk_configuration/v2/RiskCalculationConfiguration.json`,
    },
    verificationKeys: [{ pem: signingKey.publicKeyPem, keyId: region, version: 'v1' }],
    publish(keys) {
      const published =
        keys ??
        fake.submissions.flatMap((s) =>
          s.keys.map((k) => ({
            keyData: fromBase64(k.keyData),
            rollingStartIntervalNumber: k.rollingStartNumber,
            rollingPeriod: k.rollingPeriod,
            reportType: ReportType.CONFIRMED_TEST,
            transmissionRiskLevel: 4,
            daysSinceOnsetOfSymptoms: 0,
          })),
        );
      const nowS = Math.floor(clock.now() / 1000);
      fake.publishRaw(
        buildSignedExportZip(
          {
            startTimestamp: nowS - 3600,
            endTimestamp: nowS + entries.length,
            region,
            batchNum: 1,
            batchSize: 1,
            signatureInfos: [info],
            keys: published,
            revisedKeys: [],
          },
          [{ privateKeyPem: signingKey.privateKeyPem, info }],
        ),
      );
    },
    publishRaw(zip) {
      const url = `${ORIGIN}/${region}/${entries.length + 1}.zip`;
      files.set(url, zip);
      entries.push({ region, url, created: clock.now() + entries.length });
    },
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const method = init?.method ?? 'GET';
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const body = typeof init?.body === 'string' ? init.body : null;
      fake.requests.push({ method, url, headers, body });
      if (fake.offline) throw new TypeError('fetch failed');
      await Promise.resolve();

      const date = new Date(clock.now() + fake.dateOffsetMs).toUTCString();
      const reply = (
        status: number,
        content: BodyInit | null,
        type = 'application/json',
      ): Response => new Response(content, { status, headers: { date, 'content-type': type } });

      if (method === 'PUT' && url === fake.server.submissionUrl) {
        const status = fake.submissionStatuses.shift() ?? 200;
        if (status === 200 && !headers['x-chaff'] && body) {
          fake.submissions.push(JSON.parse(body) as DiagnosisSubmissionBody);
        }
        return reply(
          status,
          JSON.stringify({ code: status === 200 ? 'OK' : `E${status}`, message: '', padding: '' }),
        );
      }
      if (url === fake.server.listUrl) return reply(200, encodeCocoaList(entries));
      if (url === fake.server.exposureConfigurationUrl) return reply(200, exposureConfiguration);
      if (url === fake.server.riskCalculationConfigurationUrl) {
        return reply(200, JSON.stringify(fake.riskConfiguration));
      }
      const file = files.get(url);
      if (file) return reply(200, file.slice(), 'application/zip');
      return reply(404, null);
    },
  };
  return fake;
}
