// A scenario made of the user's own command (`sweep --cmd '...'`), as data like the catalogue's:
// the words as given (split shell-style, nothing expanded), `go` as the first word meaning the
// toolchain measured, run against a warmed private GOCACHE. A go build, install, run, test or
// vet command understands the build settings (-p, -ldflags, -trimpath after the subcommand).
import type { BuildFlagSetting, Scenario } from './types.js';

/** The id of the user's command in tables and Go benchmark names (`Cmd/gomaxprocs=2-2`). */
export const COMMAND_SCENARIO_ID = 'cmd';

/** go subcommands that take the build flags; vet links nothing, so -ldflags means nothing there. */
const BUILD_SETTINGS: Readonly<Record<string, BuildFlagSetting[]>> = {
  build: ['p', 'ldflags', 'trimpath'],
  install: ['p', 'ldflags', 'trimpath'],
  run: ['p', 'ldflags', 'trimpath'],
  test: ['p', 'ldflags', 'trimpath'],
  vet: ['p', 'trimpath'],
};

/** The scenario of a command given as words (at least one). */
export function commandScenario(words: readonly string[], text: string): Scenario {
  const isGo = words[0] === 'go';
  const argv = isGo ? ['{go}', ...words.slice(1)] : [...words];
  const settings = isGo ? BUILD_SETTINGS[words[1] ?? ''] : undefined;
  return {
    id: COMMAND_SCENARIO_ID,
    description: `your command: ${text}`,
    cache: 'warm',
    argv,
    ...(settings ? { buildSettings: settings } : {}),
    extractors: [],
    metrics: [],
    defaultWarmup: 1,
    defaultRuns: 10,
  };
}
