import type { DemoAccount } from './first-run.ts';
import type { RunningService } from './service.ts';

/** The lines `cocoa serve` prints once everything listens. */
export function bannerLines(
  dataDir: string,
  services: readonly RunningService[],
  demo: DemoAccount | undefined,
  firstRun: string[],
): string[] {
  const lines = ['', 'The contact-confirmation system is running on this machine.', ''];
  for (const service of services) lines.push(`  ${service.name.padEnd(24)}${service.url}`);
  lines.push('');

  if (demo !== undefined) {
    lines.push(`  demo sign-in (console)  user ${demo.username}  password ${demo.password}`);
    lines.push('');
  }
  lines.push(`  local data              ${dataDir}`);
  for (const note of firstRun) lines.push(`  first run               ${note}`);
  lines.push('', 'Press Ctrl+C to stop.', '');
  return lines;
}
