import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, runCocoa } from './testing/run-cli.ts';

// Every command a user can type; each must explain itself with --help.
const COMMANDS = [
  [],
  ['serve'],
  ['demo'],
  ['simulate'],
  ['replay'],
  ['exports'],
  ['exports', 'inspect'],
  ['exports', 'verify'],
  ['exports', 'run'],
  ['keys'],
  ['keys', 'generate'],
  ['db'],
  ['db', 'migrate'],
  ['staff'],
  ['staff', 'add'],
];

describe.concurrent('cocoa --help', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.each(COMMANDS.map((words) => [words.join(' ') || '(top level)', words]))(
    'explains %s',
    async (_name, words) => {
      const run = await runCocoa([...words, '--help']);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: cocoa${words.length > 0 ? ` ${words.join(' ')}` : ''} `);
      expect(run.stdout).toMatch(/^Options:$/m);
    },
  );

  it('shows --key of exports verify as a flag to repeat, one key after each', async () => {
    const run = await runCocoa(['exports', 'verify', '--help']);

    expect(run.stdout).toMatch(
      /^ {2}--key <pem> +public key PEM file; repeat --key to try several/m,
    );
    expect(run.stdout).not.toContain('...');
  });

  it('shows the accepted range of each number simulate takes', async () => {
    const run = await runCocoa(['simulate', '--help']);

    expect(run.stdout).toMatch(/--phones <n> +number of people with a phone, 2 to 100,000 /);
    expect(run.stdout).toMatch(/--days <n> +simulated days, 1 to 60 /);
    expect(run.stdout).toMatch(/--seed <n> +random seed, 0 to 4294967295;/);
  });

  it('lists every command at the top level', async () => {
    const run = await runCocoa(['--help']);
    for (const name of ['serve', 'demo', 'simulate', 'replay', 'exports', 'keys', 'db', 'staff']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});

describe.concurrent('cocoa usage mistakes', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.each([
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown flag', ['keys', 'generate', '--bogus'], /unknown option '--bogus'/],
    ['a missing argument', ['exports', 'inspect'], /missing required argument 'file'/],
    ['a number that is not one', ['simulate', '--phones', 'many'], /expected a whole number/],
    ['a port out of range', ['serve', '--app-port', '70000'], /expected a whole number/],
    [
      'a seed beyond 32 bits',
      ['simulate', '--seed', '4294967296'],
      /'--seed <n>' argument '4294967296' is invalid\. expected a whole number from 0 to 4294967295/,
    ],
    ['an unknown service', ['db', 'migrate', '--service', 'x'], /Allowed choices are/],
    ['an empty export file', ['exports', 'inspect', ''], /argument 'file'.* it is empty/],
    [
      'an empty key file',
      ['exports', 'verify', 'x.zip', '--key', ''],
      /'--key <pem>'.* it is empty/,
    ],
    ['an empty configuration', ['simulate', '--config', ''], /'--config <file>'.* it is empty/],
    ['a blank configuration', ['replay', '--config', ' '], /'--config <file>'.* it is empty/],
    ['an empty host', ['serve', '--host', ''], /'--host <address>'.* it is empty/],
    ['no command', [], /^cocoa: error USAGE: cocoa needs a command: serve, demo, /],
    [
      'a group without its command',
      ['exports'],
      /^cocoa: error USAGE: cocoa exports needs a command: inspect, verify, run;/,
    ],
    ['help for an unknown command', ['help', 'frob'], /unknown command 'frob' after help/],
    [
      'help for an unknown command of a group',
      ['keys', 'help', 'frob'],
      /unknown command 'frob' after help; the commands of cocoa keys are below/,
    ],
  ])('rejects %s with exit code 2 and advice', async (_name, args, message) => {
    const run = await runCocoa(args);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cocoa: error USAGE: /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('--help');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('points to the help of the command when the command refuses a flag value', async () => {
    const run = await runCocoa(['keys', 'generate', '--name', '../evil']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cocoa: error NAME_INVALID: --name must be [^\n]+ \(see cocoa keys generate --help\)\n$/,
    );
  });

  it('shows the sub-commands and fails when a group is called alone', async () => {
    const run = await runCocoa(['exports']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('inspect');
    expect(run.stderr).toContain('verify');
  });
});
