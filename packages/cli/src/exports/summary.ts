import { decodeExportBin, decodeSignatureList, ReportType } from '@cocoa/protocol';
import type { SignatureInfo } from '@cocoa/protocol';
import type { LoadedExport } from './file.ts';

/** What `exports inspect` shows about one export; it holds no key material. */
export interface ExportSummary {
  container: 'zip' | 'bin';
  header: string;
  region: string;
  startTimestamp: number;
  endTimestamp: number;
  batchNum: number;
  batchSize: number;
  keyCount: number;
  revisedKeyCount: number;
  /** Earliest and latest `rollingStartIntervalNumber` among the keys, or null for none. */
  rollingStartRange: { first: number; last: number } | null;
  /** Number of keys per report type name. */
  reportTypes: Record<string, number>;
  signatureInfos: SignatureInfo[];
  /** Signatures carried by export.sig, or null when the input had none. */
  signatures: { info: SignatureInfo; batchNum: number; batchSize: number; bytes: number }[] | null;
}

const HEADER_LENGTH = 16;
const REPORT_TYPE_NAMES = new Map<number, string>(
  Object.entries(ReportType).map(([name, value]) => [value, name]),
);

/** Decodes an export and summarises it; decoding errors come from the protocol package. */
export function summariseExport(loaded: LoadedExport): ExportSummary {
  const batch = decodeExportBin(loaded.exportBin);

  let first = Infinity;
  let last = -Infinity;
  const reportTypes: Record<string, number> = {};
  for (const key of batch.keys) {
    first = Math.min(first, key.rollingStartIntervalNumber);
    last = Math.max(last, key.rollingStartIntervalNumber);
    const name = REPORT_TYPE_NAMES.get(key.reportType ?? ReportType.UNKNOWN) ?? 'UNKNOWN';
    reportTypes[name] = (reportTypes[name] ?? 0) + 1;
  }

  const signatures =
    loaded.exportSig === undefined
      ? null
      : decodeSignatureList(loaded.exportSig).map((signature) => ({
          info: signature.signatureInfo,
          batchNum: signature.batchNum,
          batchSize: signature.batchSize,
          bytes: signature.signature.length,
        }));

  return {
    container: loaded.container,
    header: new TextDecoder().decode(loaded.exportBin.subarray(0, HEADER_LENGTH)),
    region: batch.region,
    startTimestamp: batch.startTimestamp,
    endTimestamp: batch.endTimestamp,
    batchNum: batch.batchNum,
    batchSize: batch.batchSize,
    keyCount: batch.keys.length,
    revisedKeyCount: batch.revisedKeys.length,
    rollingStartRange: batch.keys.length === 0 ? null : { first, last },
    reportTypes,
    signatureInfos: batch.signatureInfos,
    signatures,
  };
}

/** Renders a summary as aligned lines for the terminal. */
export function formatExportSummary(filePath: string, summary: ExportSummary): string[] {
  const lines = [
    row('file', `${filePath} (${summary.container === 'zip' ? 'export zip' : 'bare export.bin'})`),
    row('header', JSON.stringify(summary.header)),
    row('region', summary.region),
    row('window', `${isoSeconds(summary.startTimestamp)} to ${isoSeconds(summary.endTimestamp)}`),
    row('batch', `${summary.batchNum} of ${summary.batchSize}`),
    row('keys', `${summary.keyCount} (revised keys: ${summary.revisedKeyCount})`),
  ];

  if (summary.rollingStartRange !== null) {
    const { first, last } = summary.rollingStartRange;
    lines.push(row('key starts', `${isoInterval(first)} to ${isoInterval(last)}`));
    const types = Object.entries(summary.reportTypes).map(([name, count]) => `${name} ${count}`);
    lines.push(row('report types', types.join(', ')));
  }

  lines.push(row('signature infos', String(summary.signatureInfos.length)));
  for (const info of summary.signatureInfos) lines.push(`  - ${describeInfo(info)}`);

  if (summary.signatures === null) {
    lines.push(row('signatures', 'none (no export.sig in a bare export.bin)'));
  } else {
    lines.push(row('signatures', String(summary.signatures.length)));
    for (const signature of summary.signatures) {
      const batch = `batch ${signature.batchNum} of ${signature.batchSize}`;
      lines.push(`  - ${describeInfo(signature.info)}, ${batch}, ${signature.bytes} bytes`);
    }
  }
  return lines;
}

function describeInfo(info: SignatureInfo): string {
  return (
    `key id ${JSON.stringify(info.verificationKeyId)}, version ` +
    `${JSON.stringify(info.verificationKeyVersion)}, algorithm ${info.signatureAlgorithm || '-'}`
  );
}

function row(label: string, value: string): string {
  return `${label.padEnd(16)}${value}`;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function isoInterval(interval: number): string {
  return isoSeconds(interval * 600);
}
