/**
 * Resolves when the process is asked to stop (Ctrl+C or a service manager's SIGTERM). A second
 * signal while shutting down means the user is impatient: exit at once.
 */
export function waitForStopSignal(onForcedExit: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const first = (signal: NodeJS.Signals) => {
      for (const name of signals) {
        process.off(name, first);
        process.once(name, onForcedExit);
      }
      resolve(signal);
    };
    for (const name of signals) process.once(name, first);
  });
}
