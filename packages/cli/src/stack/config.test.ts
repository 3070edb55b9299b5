import { lookup } from 'node:dns/promises';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout } from '../data-dir.ts';
import { CliError, describeError, ExitCode } from '../errors.ts';
import { redactUrl, resolveDatabases } from './databases.ts';
import { serviceEnv } from './service-env.ts';

const layout = dataLayout('/data');

describe('serviceEnv', () => {
  it.each([
    ['a default applies when nothing else is set', {}, 'default'],
    ['a plain variable beats the default', { SMTP_URL: 'plain' }, 'plain'],
    [
      'the service-prefixed variable beats the plain one',
      { SMTP_URL: 'plain', HEALTH_CENTER_SMTP_URL: 'prefixed' },
      'prefixed',
    ],
  ])('%s', (_name, env, expected) => {
    const result = serviceEnv(env, 'HEALTH_CENTER_', { SMTP_URL: 'default' }, {});
    expect(result.SMTP_URL).toBe(expected);
  });

  it('lets the command decide addresses and storage over any variable', () => {
    const result = serviceEnv(
      { PORT: '1', HEALTH_CENTER_PORT: '2', DATABASE_URL: 'postgres://x/y' },
      'HEALTH_CENTER_',
      {},
      { PORT: '3', DATABASE_URL: '/data/hc.sqlite', DATABASE_SCHEMA: undefined },
    );
    expect(result).toMatchObject({ PORT: '3', DATABASE_URL: '/data/hc.sqlite' });
    expect(result).not.toHaveProperty('DATABASE_SCHEMA');
  });

  it('never hands one service a plain PORT, HOST or DATABASE_URL meant for no one in particular', () => {
    const result = serviceEnv(
      { PORT: '1', HOST: '0.0.0.0', DATABASE_URL: 'postgres://x/y', LOG_LEVEL: 'debug' },
      'NOTIFICATION_SERVER_',
      {},
      {},
    );
    expect(result).toEqual({ LOG_LEVEL: 'debug' });
  });
});

describe('resolveDatabases', () => {
  it('gives each service an SQLite file in the data directory by default', () => {
    expect(resolveDatabases({}, layout)).toEqual({
      healthCenter: { url: '/data/health-center.sqlite' },
      notificationServer: { url: '/data/notification-server.sqlite' },
    });
  });

  it('gives each service its own schema on a shared PostgreSQL URL', () => {
    const url = 'postgres://u:p@db/cocoa';
    expect(resolveDatabases({ DATABASE_URL: url }, layout)).toEqual({
      healthCenter: { url, schema: 'health_center' },
      notificationServer: { url, schema: 'notification_server' },
    });
  });

  it('prefers per-service URLs and schemas, and the flag over DATABASE_URL', () => {
    const result = resolveDatabases(
      {
        DATABASE_URL: 'postgres://env/db',
        HEALTH_CENTER_DATABASE_URL: '/elsewhere/hc.sqlite',
        NOTIFICATION_SERVER_DATABASE_SCHEMA: 'ns_custom',
      },
      layout,
      'postgres://flag/db',
    );
    expect(result).toEqual({
      healthCenter: { url: '/elsewhere/hc.sqlite' },
      notificationServer: { url: 'postgres://flag/db', schema: 'ns_custom' },
    });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u:p@db/x' }],
    ['NOTIFICATION_SERVER_DATABASE_URL', { NOTIFICATION_SERVER_DATABASE_URL: 'http://db/x' }],
    ['DATABASE_URL', { DATABASE_URL: 'POSTGRES://u@db/x' }],
  ])('refuses a URL of a database kind the services cannot use in %s', (name, env) => {
    expect(() => resolveDatabases(env, layout)).toThrow(
      expect.objectContaining({
        code: 'DATABASE_URL_UNSUPPORTED',
        message: expect.stringContaining(name) as unknown,
      }),
    );
  });

  it.each(['postgres://u:p@db:99999/x', 'postgres://u:p@[::1/x'])(
    'refuses the malformed PostgreSQL URL %s without repeating it',
    (url) => {
      expect(() => resolveDatabases({ DATABASE_URL: url }, layout)).toThrow(
        expect.objectContaining({
          code: 'DATABASE_URL_INVALID',
          message: expect.not.stringContaining('u:p') as unknown,
        }),
      );
    },
  );

  it.each(['sqlite:/data/hc.sqlite', 'file:/data/hc.sqlite', 'postgresql://u@db/x', 'C:/hc.db'])(
    'accepts %s as a per-service database',
    (url) => {
      expect(resolveDatabases({ HEALTH_CENTER_DATABASE_URL: url }, layout).healthCenter.url).toBe(
        url,
      );
    },
  );

  it('refuses a shared URL that is not PostgreSQL', () => {
    expect(() => resolveDatabases({ DATABASE_URL: 'one.sqlite' }, layout)).toThrow(
      expect.objectContaining({ code: 'DATABASE_URL_NOT_SHAREABLE' }),
    );
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://user:secret@host:5432/db', 'postgres://user:***@host:5432/db'],
    ['postgresql://user:p%40ss@host/db', 'postgresql://user:***@host/db'],
    ['postgres://user@host/db', 'postgres://user@host/db'],
    ['/data/health-center.sqlite', '/data/health-center.sqlite'],
    [
      'postgres://u:a@h/db?sslmode=require&password=zz&sslpassword=yy',
      'postgres://u:***@h/db?sslmode=require&password=***&sslpassword=***',
    ],
    ['postgres://h/db?PassWord=zz#frag', 'postgres://h/db?PassWord=***#frag'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('describeError', () => {
  it('shows a CliError as one line with its code and exit code', () => {
    const report = describeError(new CliError('FILE_NOT_FOUND', 'x does not exist; check it'));
    expect(report).toEqual({
      line: 'error FILE_NOT_FOUND: x does not exist; check it',
      exitCode: ExitCode.FAILURE,
    });
  });

  it('shows typed errors of other packages by their code, without a stack', () => {
    const error = Object.assign(new Error('signature does not verify'), {
      code: 'EXPORT_SIGNATURE_INVALID',
    });
    const report = describeError(error);
    expect(report.line).toBe('error EXPORT_SIGNATURE_INVALID: signature does not verify');
    expect(report.stack).toBeUndefined();
  });

  it.each([
    ['a folder that exists', () => mkdir(tmpdir()), 'FILE_EXISTS', 'already exists'],
    ['a missing parent', () => mkdir(path.join(tmpdir(), 'no', 'such')), 'FILE_NOT_FOUND', ''],
    ['a folder read as a file', () => readFile(tmpdir()), 'NOT_A_FILE', 'is a directory'],
    ['a name that does not resolve', () => lookup('no-such-host.invalid'), 'HOST_NOT_FOUND', ''],
  ])('explains a raw system error for %s in words', async (_name, fail, code, words) => {
    const error = await fail().then(
      () => undefined,
      (reason: unknown) => reason,
    );

    const report = describeError(error);
    expect(report.exitCode).toBe(ExitCode.FAILURE);
    expect(report.line).toMatch(new RegExp(`^error ${code}: [^\\n]*${words}[^\\n]*; `));
    expect(report.line).not.toMatch(/\b(EEXIST|ENOENT|EISDIR|ENOTFOUND|EAI_AGAIN)\b/);
    expect(report.stack).toBeUndefined();
  });

  it('marks anything else as unexpected and keeps the stack for COCOA_DEBUG', () => {
    const report = describeError(new TypeError('x is undefined'));
    expect(report.exitCode).toBe(ExitCode.INTERNAL);
    expect(report.line).toContain('COCOA_DEBUG=1');
    expect(report.stack).toContain('TypeError');
  });
});
