import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 's'.repeat(40);
const MINIMAL = {
  NUMBER_HASH_KEYS: `k1:${SECRET}`,
  VERIFY_CLIENTS: `notification-server:${SECRET}`,
  DEV_OUTBOX: 'true',
};

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('fills in safe defaults', () => {
    const config = loadConfig(MINIMAL);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8081,
      databaseUrl: 'sqlite:.var/health-center.sqlite',
      numberTtlSeconds: 86_400,
      timeZone: 'Asia/Tokyo',
      cookieSecure: true,
      devOutbox: true,
      sessionIdleSeconds: 900,
    });
    expect(config.numberHashKeys).toEqual([{ id: 'k1', secret: SECRET }]);
  });

  it('reads rotated hash keys in order and trims the app URL', () => {
    const config = loadConfig({
      ...MINIMAL,
      NUMBER_HASH_KEYS: `k2:${'n'.repeat(32)}, k1:${SECRET}`,
      APP_URL: 'https://cocoa.example.jp/app/',
    });
    expect(config.numberHashKeys.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(config.appUrl).toBe('https://cocoa.example.jp/app');
  });

  it.each([
    ['a missing hash key', { NUMBER_HASH_KEYS: '' }, 'NUMBER_HASH_KEYS: is required'],
    [
      'a MySQL database',
      { DATABASE_URL: 'mysql://u:pw-42@db/x' },
      'DATABASE_URL: must be a postgres:// URL',
    ],
    ['a missing client list', { VERIFY_CLIENTS: '' }, 'VERIFY_CLIENTS: is required'],
    ['a short client secret', { VERIFY_CLIENTS: 'ns:short-secret' }, '32+ characters'],
    ['a nameless client', { VERIFY_CLIENTS: `:${SECRET}` }, 'must be name:secret'],
    ['duplicate clients', { VERIFY_CLIENTS: `a:${SECRET},a:${SECRET}` }, 'distinct'],
    ['a port out of range', { PORT: '70000' }, 'PORT'],
    ['a TTL that is not a number', { NUMBER_TTL_SECONDS: 'day' }, 'NUMBER_TTL_SECONDS'],
    ['an unknown time zone', { TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
    ['an ftp app URL', { APP_URL: 'ftp://x.example' }, 'APP_URL'],
    ['a bad schema name', { DATABASE_SCHEMA: 'x; drop' }, 'DATABASE_SCHEMA'],
    ['no gateways without the outbox', { DEV_OUTBOX: 'false' }, 'SMTP_URL and SMS_GATEWAY_URL'],
    ['a yes/no typo', { COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE'],
  ])('refuses %s with a message naming the variable', (_name, override, expected) => {
    expect(errorOf({ ...MINIMAL, ...override })).toContain(expected);
  });

  it('never echoes a secret in its error message', () => {
    const message = errorOf({ ...MINIMAL, VERIFY_CLIENTS: 'ns:hunter2-is-my-secret' });
    expect(message).not.toContain('hunter2');
  });
});
