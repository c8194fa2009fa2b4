// The modes and commands of `analyze modules`: how the go command resolves a generated
// workspace's dependencies (GOPATH mode, module mode with a warm or a cold module cache,
// vendor/, -mod=mod, the checksum database, GO111MODULE=auto inside and outside a module), as
// environments and working directories, and the three commands timed under each. Every mode
// runs offline: dependencies come from the workspace's file-system proxy only. Pure.
import path from 'node:path';

/** The mode every other is compared with: module mode, warm module cache, -mod=readonly. */
export const BASE_MODE = 'module';

/** One way of resolving dependencies. */
export interface ModuleMode {
  /** Short name shown in tables and the chart. */
  id: string;
  /** One line: what differs from the base. */
  description: string;
  /** Where its commands run: the main module, its vendored copy, or its GOPATH twin. */
  dir: 'main' | 'vendored' | 'gopath';
  /** Variables on top of the generator's offline environment (localProxyEnv) and a private GOPATH. */
  env: Record<string, string>;
  /** The module cache starts empty for every run and is filled from the local proxy. */
  coldModCache: boolean;
}

/**
 * GOSUMDB for the checksum-database mode: the real database's name and key, served from a URL
 * that does not exist, so a lookup (needed only for a module missing from go.sum) fails at
 * once instead of going to the network.
 */
export function offlineSumdb(wsDir: string): string {
  return `sum.golang.org file://${path.join(wsDir, 'no-sumdb')}`;
}

/** The modes, the base first (the order of the interleaving and of the tables). */
export function moduleModes(wsDir: string): ModuleMode[] {
  const readonly = { GOFLAGS: '-mod=readonly' };
  return [
    {
      id: BASE_MODE,
      description: 'GO111MODULE=on, warm module cache, GOFLAGS=-mod=readonly, GOSUMDB=off',
      dir: 'main',
      env: { GO111MODULE: 'on', ...readonly },
      coldModCache: false,
    },
    {
      id: 'gopath',
      description: 'GO111MODULE=off in the GOPATH tree (no go.mod)',
      dir: 'gopath',
      env: { GO111MODULE: 'off', GOFLAGS: '' },
      coldModCache: false,
    },
    {
      id: 'vendor',
      description: 'GOFLAGS=-mod=vendor in the copy with vendor/',
      dir: 'vendored',
      env: { GO111MODULE: 'on', GOFLAGS: '-mod=vendor' },
      coldModCache: false,
    },
    {
      id: 'cold-modcache',
      description: 'module cache emptied before every run, filled from the local proxy',
      dir: 'main',
      env: { GO111MODULE: 'on', ...readonly },
      coldModCache: true,
    },
    {
      id: 'mod=mod',
      description: 'GOFLAGS=-mod=mod (may update go.mod and go.sum; they are tidy)',
      dir: 'main',
      env: { GO111MODULE: 'on', GOFLAGS: '-mod=mod' },
      coldModCache: false,
    },
    {
      id: 'sumdb',
      description:
        'GOSUMDB=sum.golang.org: checked against go.sum, a lookup (a module missing from go.sum) fails instead of using the network',
      dir: 'main',
      env: { GO111MODULE: 'on', ...readonly, GOSUMDB: offlineSumdb(wsDir) },
      coldModCache: false,
    },
    {
      id: 'auto-in',
      description: 'GO111MODULE=auto inside the module',
      dir: 'main',
      env: { GO111MODULE: 'auto', ...readonly },
      coldModCache: false,
    },
    {
      id: 'auto-out',
      description: 'GO111MODULE=auto outside any module (the GOPATH tree)',
      dir: 'gopath',
      env: { GO111MODULE: 'auto', GOFLAGS: '' },
      coldModCache: false,
    },
  ];
}

/** A command timed under every mode. */
export interface ModuleCommand {
  id: 'list-deps' | 'list-m' | 'build';
  /** The go command's arguments after `go`. */
  args: string[];
  /** As shown: `go list -deps ./...`. */
  label: string;
}

export const MODULE_COMMANDS: readonly ModuleCommand[] = [
  { id: 'list-deps', args: ['list', '-deps', './...'], label: 'go list -deps ./...' },
  { id: 'list-m', args: ['list', '-m', '-json', 'all'], label: 'go list -m -json all' },
  { id: 'build', args: ['build', './...'], label: 'go build ./... (warm)' },
];
