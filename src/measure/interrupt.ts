// Ctrl-C (SIGINT) and SIGTERM for every measuring command: the first signal aborts the work: the
// CommandRunner stops the command in progress at once, and the work keeps what it has; a second
// removes every private directory and quits at once with exit 130. A hang-up (SIGHUP: nobody is
// left to read the result) stops the commands and removes the directories at once
// (private-dirs.ts, exit 129).
import { ExitCode } from '../errors.js';
import { removeAllPrivateDirs } from './private-dirs.js';
import { stopLiveCommands } from './process-runner.js';

/** The signals that stop a measurement. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Runs work with an AbortSignal tied to STOP_SIGNALS; `onFirst` runs at the first signal. */
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
  for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  return work(controller.signal).finally(() => {
    for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
  });
}
