/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliContext {
  /** Writes one line of normal output (results) to standard output. */
  print(line: string): void;
  /** Writes one line of diagnostics (progress notes, warnings) to standard error. */
  note(line: string): void;
  /** Environment variables, the second source of configuration after flags. */
  env: NodeJS.ProcessEnv;
  /** Standard input, for passwords piped in by scripts. */
  stdin: NodeJS.ReadStream;
  /** Standard error stream, where progress bars draw. */
  stderr: NodeJS.WriteStream;
}

/** The context of the real process. */
export function processContext(): CliContext {
  return {
    print: (line) => process.stdout.write(`${line}\n`),
    note: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stdin: process.stdin,
    stderr: process.stderr,
  };
}
