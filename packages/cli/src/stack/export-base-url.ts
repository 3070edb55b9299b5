import type { DataLayout } from '../data-dir.ts';
import { CliError } from '../errors.ts';
import { readOwnText, writeFileAtomically } from '../files.ts';
import { httpUrl } from './settings.ts';

/** The URL prefix `list.json` gives export files served by the notification server at `url`. */
export function exportBaseUrl(notificationServerUrl: string): string {
  return `${notificationServerUrl}/exports`;
}

/**
 * Remembers the export URL prefix a started notification server uses, so `exports run` in the
 * same data directory writes links that server answers, whatever port it was given.
 */
export async function recordExportBaseUrl(layout: DataLayout, url: string): Promise<void> {
  await writeFileAtomically(
    layout.notificationServerRecord,
    `${JSON.stringify({ exportBaseUrl: url })}\n`,
  );
}

/** The prefix the last `serve` or `demo` of this data directory recorded, if any. */
export async function readRecordedExportBaseUrl(layout: DataLayout): Promise<string | undefined> {
  const file = layout.notificationServerRecord;
  const text = await readOwnText(file, 'notification server record');
  if (text === undefined) return undefined;

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const url = (parsed as { exportBaseUrl?: unknown } | null | undefined)?.exportBaseUrl;
  if (typeof url !== 'string' || !URL.canParse(url)) {
    throw new CliError(
      'SERVER_RECORD_INVALID',
      `${file} is damaged; delete it (the next serve writes it again), or pass --host and ` +
        '--notification-server-port',
    );
  }
  return url;
}

/**
 * The export URL prefix for `exports run`: from the address flags (or their variables) when
 * given, else what the server of this data directory recorded, else the default address.
 */
export async function exportBaseUrlForRun(
  layout: DataLayout,
  address: { host: string; port: number; given: boolean },
): Promise<string> {
  const fromFlags = exportBaseUrl(httpUrl(address.host, address.port));
  if (address.given) return fromFlags;
  return (await readRecordedExportBaseUrl(layout)) ?? fromFlags;
}

/**
 * Refuses an export link prefix phones could not follow, before any file is planned: the job
 * would otherwise publish files and only then fail to write a `list.json` linking them.
 */
export function requireExportBaseUrl(url: string): void {
  if (isHttpUrl(url)) return;
  throw new CliError(
    'EXPORT_BASE_URL_INVALID',
    `the export files would be linked as ${url}/…, which is not an absolute http(s) URL; set ` +
      'EXPORT_PUBLIC_BASE_URL to one such as https://cdn.example.jp/exports, or pass a valid ' +
      '--host and --notification-server-port',
  );
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}
