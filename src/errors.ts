// Errors a user can cause, each with its documented exit code (see README, "Exit codes").
// The CLI prints `gobaseline: <message>` on one line and exits with `exitCode`; never a stack trace.

/** Exit codes: 0 ok, 1 a regression or failed check, 2 bad usage or input, 3 environment. */
export const ExitCode = {
  ok: 0,
  regression: 1,
  usage: 2,
  environment: 3,
  interrupted: 130,
} as const;

/** A user-facing error carrying the exit code the CLI should end with. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, an unknown scenario or suite, malformed input files (exit 2). */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** The environment cannot be measured: no toolchain, a broken GOROOT, no temp space (exit 3). */
export class EnvironmentError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.environment);
  }
}

/**
 * A message on one line: runs of whitespace, newlines included, become one space. For messages
 * that quote outside text, such as JSON.parse's, which shows the input around the error.
 */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/** True for any error that carries a numeric exit code meant for the user. */
export function hasExitCode(err: unknown): err is Error & { exitCode: number } {
  return err instanceof Error && typeof (err as { exitCode?: unknown }).exitCode === 'number';
}

/** Ctrl-C stopped the work: the CLI exits 130 (after printing what it has, where it can). */
export class InterruptedError extends UserError {
  constructor() {
    super('interrupted', ExitCode.interrupted);
  }
}

/**
 * Why a `fetch` failed, in a few words: a timeout after `timeoutMs`, else the system's error code
 * (ECONNREFUSED, ENOTFOUND, ...) or message that undici keeps in `cause`.
 */
export function fetchFailure(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.name === 'TimeoutError'
    ? `no answer within ${timeoutMs / 1000} s`
    : (e.cause?.code ?? e.cause?.message ?? e.message);
}
