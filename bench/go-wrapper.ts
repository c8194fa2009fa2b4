// A go at a fixed path that can be made slower without changing what it is: a small Go program
// that execs the real go (so `go version`, GOROOT and the toolchain's identity stay the same),
// optionally busy-waiting first. bench/check-acceptance.ts and scripts/docs-check.ts swap a slowed
// one in at the same path to inject a known regression of the environment.
import { copyFileSync, chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The go the wrappers exec. */
export const REAL_GO = '/usr/local/go/bin/go';

const WRAPPER = `package main

import (
	"os"
	"strconv"
	"syscall"
	"time"
)

var delayMicros = "0"

func main() {
	// A busy-wait, not a sleep: a sleep overshoots by the timer's slack and lets the CPU idle
	// (here a 0.4 ms time.Sleep added about 1.5 ms), so the slowdown would not be the one asked.
	if d, _ := strconv.Atoi(delayMicros); d > 0 {
		for start := time.Now(); time.Since(start) < time.Duration(d)*time.Microsecond; {
		}
	}
	args := append([]string{"go"}, os.Args[1:]...)
	if err := syscall.Exec("${REAL_GO}", args, os.Environ()); err != nil {
		os.Exit(127)
	}
}
`;

/**
 * Builds the wrapper busy-waiting `delayMicros` before the exec into `out`, with private caches
 * under `workDir` (never the user's GOCACHE or GOPATH).
 */
export function buildGoWrapper(delayMicros: number, out: string, workDir: string): void {
  const src = path.join(workDir, 'wrapper');
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'main.go'), WRAPPER);
  writeFileSync(path.join(src, 'go.mod'), 'module wrapper\n\ngo 1.22\n');
  execFileSync(
    REAL_GO,
    ['build', '-o', out, '-ldflags', `-X main.delayMicros=${delayMicros}`, '.'],
    {
      cwd: src,
      env: {
        ...process.env,
        GOCACHE: path.join(workDir, 'gocache'),
        GOFLAGS: '',
        GOPATH: path.join(workDir, 'gopath'),
      },
    },
  );
}

/** Puts a built wrapper at `goPath` by a rename, so that the path never misses a go. */
export function installGo(wrapper: string, goPath: string): void {
  const next = `${goPath}.next`;
  copyFileSync(wrapper, next);
  chmodSync(next, 0o755);
  renameSync(next, goPath);
}
