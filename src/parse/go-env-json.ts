// `go env -json` output: one JSON object of the go command's settings, each a string. Pure.

/** The output is not the JSON object `go env -json` prints. */
export class GoEnvJsonError extends Error {}

/**
 * The settings in `go env -json` output. Values that are not strings (no go version prints
 * any) are left out rather than recorded as something the toolchain did not say.
 */
export function parseGoEnvJson(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GoEnvJsonError('`go env -json` printed invalid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new GoEnvJsonError('`go env -json` printed JSON that is not an object');
  // fromEntries defines each key as data, so even a key `__proto__` stays a plain setting.
  return Object.fromEntries(
    Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
