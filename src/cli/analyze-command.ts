// `gobaseline analyze <topic>`: deep dives into where a build's time and I/O go. Each topic
// lives in its own file and adds its subcommands here.
import type { Command } from 'commander';
import { register as registerBuild } from './analyze-build-command.js';
import { register as registerCache } from './analyze-cache-command.js';
import { register as registerGoroot } from './analyze-goroot-command.js';
import { register as registerIo } from './analyze-io-command.js';
import { register as registerLatency } from './analyze-latency-command.js';
import { register as registerModules } from './analyze-modules-command.js';
import { addStoreOptions } from './store-options.js';

/** Adds `analyze` and its topics to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  const analyze = program
    .command('analyze')
    .description(
      'deep dives: goroot (resolution, symlinks, tmpfs), build (action graph), cache (hit rate), io (strace), latency (4 KiB reads), modules (GOPATH vs modules, vendor, GO111MODULE, sumdb)',
    );
  registerBuild(analyze, setExit);
  registerCache(analyze, setExit);
  registerIo(analyze, setExit);
  registerLatency(analyze, setExit);
  registerGoroot(analyze, setExit);
  registerModules(analyze, setExit);
  // Every analysis is kept in the run store (--db, --label, --no-save).
  for (const topic of analyze.commands) addStoreOptions(topic);
}
