import { describe, expect, it } from 'vitest';
import { CliError, describeError } from './errors.ts';

describe('describeError', () => {
  it('keeps a message that quotes control characters on one harmless line', () => {
    const quoted = 'unexpected text "ab\x1b[31mRED\nline2\x07" in the file';

    const report = describeError(new CliError('CONFIG_FILE_INVALID', quoted));

    expect(report.line).toBe(
      'error CONFIG_FILE_INVALID: unexpected text "ab\\x1b[31mRED\\nline2\\x07" in the file',
    );
    expect(report.exitCode).toBe(1);
  });

  it('leaves ordinary text, Japanese included, as it is', () => {
    const report = describeError(
      new CliError('FILE_NOT_FOUND', 'ファイル /tmp/a.json がありません'),
    );

    expect(report.line).toBe('error FILE_NOT_FOUND: ファイル /tmp/a.json がありません');
  });
});
