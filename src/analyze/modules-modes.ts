// The modes and commands of `analyze modules`: how the go command resolves a generated
// workspace's dependencies (GOPATH mode, module mode with a warm or a cold module cache,
// vendor/, -mod=mod, the checksum database, GO111MODULE=auto inside and outside a module), as
// environments and working directories, and the three commands timed under each. On a generated
// workspace every mode runs offline: dependencies come from its file-system proxy only. On the
// user's module (--project) the same modes run offline against a module cache filled once,
// except the cold cache, which is filled through GOPROXY as configured; GOPATH mode does not
// apply there. Pure.
import path from 'node:path';

/** The mode every other is compared with: module mode, warm module cache, -mod=readonly. */
export const BASE_MODE = 'module';

/** One way of resolving dependencies. */
export interface ModuleMode {
  /** Short name shown in tables and the chart. */
  id: string;
  /** One line: what differs from the base. */
  description: string;
  /**
   * Where its commands run: the main module, its vendored copy, its GOPATH twin, or (a user's
   * module under -mod=mod, which may rewrite go.mod) a copy of its own.
   */
  dir: 'main' | 'vendored' | 'gopath' | 'mod-copy';
  /** Variables on top of the generator's offline environment (localProxyEnv) and a private GOPATH. */
  env: Record<string, string>;
  /** The module cache starts empty for every run and is filled from the local proxy. */
  coldModCache: boolean;
  /** Why the mode cannot run here (a skipped cell, nothing is run); absent where it can. */
  notApplicable?: string;
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
      description:
        'module cache emptied before every run (the warm one moved aside: the same path), filled from the local proxy',
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

/** What the modes of a user's module depend on. */
export interface ProjectModesInput {
  /** A directory for the checksum-database mode's nonexistent URL. */
  scratchDir: string;
  /** Whether a vendored tree exists: the module's own vendor/ or one `--try-vendor` made. */
  vendor: 'own' | 'made' | null;
}

const GOPATH_NA =
  'GOPATH mode does not apply to your module: it has a go.mod, and GOPATH mode would build a different tree (generated workspaces measure it)';

/**
 * The modes on a user's module: the same ids in the same order, offline (GOPROXY=off) except the
 * cold module cache, which downloads through GOPROXY as configured; -mod=mod in a copy of its
 * own; GOPATH mode and GO111MODULE=auto outside a module skipped, vendor/ where there is one.
 */
export function projectModes(input: ProjectModesInput): ModuleMode[] {
  const offline = { GOPROXY: 'off', GOSUMDB: 'off' };
  return moduleModes(input.scratchDir).map((mode): ModuleMode => {
    switch (mode.id) {
      case 'gopath':
      case 'auto-out':
        return { ...mode, notApplicable: GOPATH_NA };
      case 'vendor':
        return {
          ...mode,
          description:
            input.vendor === 'made'
              ? 'GOFLAGS=-mod=vendor in a temporary copy with vendor/ from go mod vendor (--try-vendor)'
              : 'GOFLAGS=-mod=vendor with the module’s own vendor/',
          dir: input.vendor === 'made' ? 'vendored' : 'main',
          env: { ...mode.env, ...offline },
          ...(input.vendor === null
            ? {
                notApplicable:
                  'the module has no vendor/ directory (--try-vendor makes one in a temporary copy)',
              }
            : {}),
        };
      case 'cold-modcache':
        return {
          ...mode,
          description:
            'module cache emptied before every run, filled through GOPROXY as configured (the network), GOSUMDB=off',
          env: { ...mode.env, GOSUMDB: 'off' },
        };
      case 'mod=mod':
        return {
          ...mode,
          description: 'GOFLAGS=-mod=mod (in a copy of its own: it may update go.mod and go.sum)',
          dir: 'mod-copy',
          env: { ...mode.env, ...offline },
        };
      case BASE_MODE:
        return {
          ...mode,
          description:
            'GO111MODULE=on, warm module cache, GOFLAGS=-mod=readonly, GOSUMDB=off, GOPROXY=off',
          env: { ...mode.env, ...offline },
        };
      default:
        // sumdb keeps its own GOSUMDB.
        return { ...mode, env: { ...offline, ...mode.env } };
    }
  });
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
