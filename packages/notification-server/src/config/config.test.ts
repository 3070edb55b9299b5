import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from './config.ts';

describe('loadConfigFromEnv', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ns-config-'));
  const keyPath = path.join(dir, 'key.pem');
  writeFileSync(keyPath, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = {
    VERIFICATION_URL: 'http://127.0.0.1:8080',
    VERIFICATION_SECRET: 's3cret',
    EXPORT_SIGNING_KEYS: `440:v1:${keyPath},440:v2:${keyPath}`,
  };

  it('reads variables and applies defaults', () => {
    const config = loadConfigFromEnv({
      ...base,
      REGIONS: '440, 441',
      EXPORT_PERIOD_SECONDS: '21600',
    });
    expect(config.regions).toEqual(['440', '441']);
    expect(config.export.periodSeconds).toBe(21600);
    expect(config.export.signingKeys.map((k) => k.keyVersion)).toEqual(['v1', 'v2']);
    expect(config.export.maxKeysPerFile).toBe(30_000);
    expect(config.databaseUrl).toBe('.var/notification-server.sqlite');
  });

  it.each([
    [
      'a period that does not divide a day',
      { EXPORT_PERIOD_SECONDS: '7000' },
      'export.periodSeconds',
    ],
    ['no signing key', { EXPORT_SIGNING_KEYS: '' }, 'export.signingKeys'],
    ['no verification URL', { VERIFICATION_URL: undefined }, 'verification.url'],
    ['a bad region', { REGIONS: '44/0' }, 'regions'],
    ['a MySQL database', { DATABASE_URL: 'mysql://u:pw@db/x' }, 'databaseUrl'],
  ])('refuses %s, naming the setting', (_name, patch, setting) => {
    expect(() => loadConfigFromEnv({ ...base, ...patch })).toThrow(setting);
  });

  it('names the database kinds it takes without repeating the URL, which may hold a password', () => {
    expect(() => loadConfigFromEnv({ ...base, DATABASE_URL: 'mysql://u:pw-42@db/x' })).toThrow(
      /postgres:\/\/ URL or the path of an SQLite file/,
    );
    expect(() => loadConfigFromEnv({ ...base, DATABASE_URL: 'mysql://u:pw-42@db/x' })).not.toThrow(
      /pw-42/,
    );
    expect(loadConfigFromEnv({ ...base, DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).databaseUrl).toBe(
      'sqlite:/tmp/x.sqlite',
    );
  });

  it('refuses a malformed signing key entry', () => {
    expect(() => loadConfigFromEnv({ ...base, EXPORT_SIGNING_KEYS: 'only-one-part' })).toThrow(
      'keyId:keyVersion',
    );
  });
});
