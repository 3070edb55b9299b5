import { InvalidArgumentError } from 'commander';

/** Parses a flag value as an integer within bounds; commander reports the message as usage. */
export function integerOption(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    const parsed = Number(value);
    if (parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

/** Parses a TCP port; 0 asks the operating system for a free one. */
export const portOption = integerOption(0, 65_535);
