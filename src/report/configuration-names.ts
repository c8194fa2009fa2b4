// How a run's configurations are named in reports: a run of toolchains alone reads as before
// (`@go1.27.3`, `toolchain=` keys); a run of --config configurations lists their settings. Pure.
import { quoteWord } from '../parse/words.js';
import type { Configuration, RunRecord } from '../record/run-record.js';

/** True when every configuration of the run is a toolchain alone (--go/--toolchain, no --config). */
export function toolchainsOnly(run: RunRecord): boolean {
  return (run.config.configurations ?? []).every(
    (c) =>
      c.name === c.toolchain &&
      Object.keys(c.env).length === 0 &&
      Object.keys(c.build).length === 0,
  );
}

/** A configuration's settings as the user would write them: `GOGC=50 p=2 ldflags='-s -w'`. */
export function configurationSettings(c: Configuration, withToolchain: boolean): string {
  const words = [
    ...Object.entries(c.env).map(([k, v]) => `${k}=${quoteWord(v)}`),
    ...Object.entries(c.build).flatMap(([k, v]) =>
      v === undefined ? [] : [`${k}=${quoteWord(String(v))}`],
    ),
  ];
  if (withToolchain) words.push(`go=${quoteWord(c.toolchain)}`);
  return words.join(' ');
}

/** `a (GOGC=100), b (GOGC=50)`: each configuration with its settings, the base first. */
export function describeConfigurations(run: RunRecord): string {
  const several = (run.config.toolchains?.length ?? 1) > 1;
  return (run.config.configurations ?? [])
    .map((c) => {
      const settings = configurationSettings(c, several);
      return settings ? `${c.name} (${settings})` : c.name;
    })
    .join(', ');
}
