/**
 * Builds the environment one service's own configuration loader reads, so `cocoa` and a
 * service started on its own accept the same variables. Precedence, strongest first: what the
 * command decides (flags, ports, data directory), the service-prefixed variable
 * (`HEALTH_CENTER_SMTP_URL`), the plain variable (`SMTP_URL`), then the command's defaults.
 */
export function serviceEnv(
  env: NodeJS.ProcessEnv,
  prefix: string,
  defaults: Record<string, string>,
  decided: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  const prefixed: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (name.startsWith(prefix)) prefixed[name.slice(prefix.length)] = value;
    else if (!PER_SERVICE.has(name)) plain[name] = value;
  }

  const result: Record<string, string | undefined> = { ...defaults, ...plain, ...prefixed };
  for (const [name, value] of Object.entries(decided)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

// Variables that name one service's address or storage: a plain `PORT` or `DATABASE_URL`
// cannot apply to two services at once, so only the prefixed forms reach a service.
const PER_SERVICE = new Set(['HOST', 'PORT', 'DATABASE_URL', 'DATABASE_SCHEMA']);
