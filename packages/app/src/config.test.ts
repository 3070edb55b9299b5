import { describe, expect, it } from 'vitest';
import {
  CONFIG_INVALID,
  DEFAULT_PATHS,
  endpointUrl,
  loadAppConfig,
  parseAppConfig,
} from './config.ts';

const PEM = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
const minimal = { notificationServerBase: './', region: '440', exportVerificationKeys: [] };

describe('parseAppConfig', () => {
  it('fills defaults for paths, calibration and health-center text', () => {
    const config = parseAppConfig(minimal);
    expect(config.paths).toEqual(DEFAULT_PATHS);
    expect(config.calibration.txPowerDbm).toBe(-26);
    expect(config.healthCenter).toEqual({ name: '', contact: '' });
  });

  it('keeps keys and overrides', () => {
    const config = parseAppConfig({
      ...minimal,
      exportVerificationKeys: [{ pem: PEM, keyId: '440', version: 'v1' }],
      paths: { list: 'cdn/{region}/list.json' },
      calibration: { rssiCorrection: 2 },
    });
    expect(config.exportVerificationKeys).toEqual([{ pem: PEM, keyId: '440', version: 'v1' }]);
    expect(config.paths.list).toBe('cdn/{region}/list.json');
    expect(config.calibration.rssiCorrection).toBe(2);
  });

  it.each([
    { name: 'not an object', value: [] },
    { name: 'no base', value: { ...minimal, notificationServerBase: '' } },
    { name: 'bad region', value: { ...minimal, region: '../x' } },
    { name: 'keys not a list', value: { ...minimal, exportVerificationKeys: 'x' } },
    { name: 'key not a PEM', value: { ...minimal, exportVerificationKeys: [{ pem: 'abc' }] } },
  ])('rejects $name with CONFIG_INVALID', ({ value }) => {
    expect(() => parseAppConfig(value)).toThrow(expect.objectContaining({ code: CONFIG_INVALID }));
  });
});

describe('endpointUrl', () => {
  it('resolves against the base and the page, filling the region', () => {
    const config = parseAppConfig({ ...minimal, notificationServerBase: '/ns' });
    expect(endpointUrl(config, config.paths.list, 'https://app.example/x/index.html')).toBe(
      'https://app.example/ns/exports/440/list.json',
    );
    const relative = parseAppConfig(minimal);
    expect(endpointUrl(relative, relative.paths.submission, 'https://app.example/x/')).toBe(
      'https://app.example/x/api/v3/diagnosis',
    );
  });
});

describe('loadAppConfig', () => {
  it('turns HTTP errors and bad JSON into ConfigError', async () => {
    const notFound = () => Promise.resolve(new Response('no', { status: 404 }));
    await expect(loadAppConfig(notFound)).rejects.toMatchObject({ code: CONFIG_INVALID });
    const broken = () => Promise.resolve(new Response('{', { status: 200 }));
    await expect(loadAppConfig(broken)).rejects.toMatchObject({ code: CONFIG_INVALID });
    const down = () => Promise.reject(new TypeError('failed'));
    await expect(loadAppConfig(down)).rejects.toMatchObject({ code: CONFIG_INVALID });
  });
});
