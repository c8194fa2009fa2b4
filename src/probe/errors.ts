// Errors raised by the probe.

/** The Go toolchain is missing or broken. The CLI exits with {@link ToolchainError.exitCode}. */
export class ToolchainError extends Error {
  /** Process exit code the CLI should use for this failure. */
  readonly exitCode = 3;

  constructor(message: string) {
    super(message);
    this.name = 'ToolchainError';
  }
}
