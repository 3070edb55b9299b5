import { InvalidArgumentError } from 'commander';
import { CliError, ExitCode } from './errors.ts';

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

/**
 * Refuses an empty or blank value for a flag or argument that names a file or an address: an
 * empty path would mean the working directory, an empty host every network or none.
 */
export function nonEmptyValue(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('it is empty; give a value.');
  return value;
}

/**
 * Collects a repeatable flag (`--key A --key B`) into a list, one value per flag, so the
 * flag's values can never swallow the command's own arguments the way `<value...>` does.
 */
export function collectOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), nonEmptyValue(value)];
}

/**
 * Refuses an empty or blank `--out`: it would resolve to the working directory and put the
 * command's files wherever the shell happens to be. `wanted` says what the flag should name.
 */
export function refuseEmptyOut(out: string | undefined, wanted: string): void {
  if (out?.trim() !== '') return;
  throw new CliError('OUT_EMPTY', `--out is empty; ${wanted}`, { exitCode: ExitCode.USAGE });
}
