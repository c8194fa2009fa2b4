// Ctrl-C (or SIGTERM) handling shared by the commands: the first signal aborts the work, which
// stops the command in progress at once and keeps what it has; a second removes every private
// directory and quits at once with exit 130.
import { ExitCode } from '../errors.js';
import { removeAllPrivateDirs } from '../measure/private-dirs.js';
import { stopLiveCommands } from '../measure/process-runner.js';

/** Runs work with an AbortSignal tied to SIGINT/SIGTERM; `onFirst` runs at the first signal. */
export function interruptible<T>(
  work: (signal: AbortSignal) => Promise<T>,
  onFirst?: () => void,
): Promise<T> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      onFirst?.();
      controller.abort();
    } else {
      stopLiveCommands();
      removeAllPrivateDirs();
      process.exit(ExitCode.interrupted);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return work(controller.signal).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
}
