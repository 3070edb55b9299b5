import { describe, expect, it } from 'vitest';
import { readPassword } from './password.ts';
import { keyboardContext } from './testing/terminal.ts';

describe('readPassword at a terminal', () => {
  it('asks twice without echoing and returns what was typed', async () => {
    const keyboard = keyboardContext();
    const reading = readPassword(keyboard.context, 'password');
    keyboard.type('secret words!\r');
    await Promise.resolve();
    keyboard.type('secret words!\r');

    expect(await reading).toBe('secret words!');
    expect(keyboard.shown()).toBe('password: \npassword again: \n');
  });

  it.each([
    ['Ctrl+C', '\x03', { code: 'INTERRUPTED', exitCode: 130 }],
    ['Ctrl+D', '\x04', { code: 'CANCELLED', exitCode: 1 }],
  ])('stops at %s and says nothing was changed', async (_key, keys, expected) => {
    const keyboard = keyboardContext();
    const reading = readPassword(keyboard.context, 'password');
    keyboard.type(`half${keys}`);

    await expect(reading).rejects.toMatchObject({
      ...expected,
      message: expect.stringContaining('nothing was changed'),
    });
    expect(keyboard.shown()).not.toContain('half');
  });
});
