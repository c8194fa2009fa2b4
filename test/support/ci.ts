// Tests that need something outside the repository (a tool .ci/run installs, a toolchain it
// fetches) skip with the reason on a developer's machine that lacks it, but fail under CI,
// where a skip would hide that the check never ran.
import type { TestContext } from 'node:test';
import { EnvironmentError } from '../../src/errors.js';
import { resolveToolchains } from '../../src/measure/toolchains.js';
import { cliEnv } from './cli.js';

/** True under CI: CI set, other than `false` or `0` (.ci/run sets it). */
export function underCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Skips `t` with `reason`; under CI, throws instead, failing the test with the reason. */
export function skipUnlessCi(t: TestContext, reason: string): void {
  if (underCi()) throw new Error(`${reason} (CI is set, so this test must not be skipped)`);
  t.skip(reason);
}

const obtained = new Map<string, Promise<string | null>>();

/**
 * Makes sure toolchain `spec` (e.g. go1.27.3) can be obtained the way the CLI obtains it
 * (through GOTOOLCHAIN into gobaseline's toolchain cache; a download the first time). Returns
 * true when it can; otherwise skips `t` with go's reason (offline), or fails it under CI.
 */
export async function requireToolchain(t: TestContext, spec: string): Promise<boolean> {
  let why = obtained.get(spec);
  if (!why) {
    why = resolveToolchains([], [spec], cliEnv()).then(
      () => null,
      (err: unknown) => {
        if (err instanceof EnvironmentError) return err.message;
        throw err;
      },
    );
    obtained.set(spec, why);
  }
  const reason = await why;
  if (reason === null) return true;
  skipUnlessCi(t, reason);
  return false;
}
