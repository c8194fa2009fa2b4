// The user's own module for `run --project DIR`: checked, copied into a private directory, its
// dependencies downloaded once (untimed) into the run's private module cache, and its packages
// listed offline. The user's tree is only read (`cp -a`); every go command runs in the copy, so
// go.mod and go.sum in DIR are never rewritten. Afterwards the project scenarios run offline.
import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError, InterruptedError, UsageError } from '../errors.js';
import { readGoEnvFile } from '../probe/index.js';
import type { ProjectModule } from '../scenarios/project.js';
import type { CommandRunner } from './command-runner.js';
import type { PrivateDirs } from './private-dirs.js';
import type { ProcessResult } from './process-runner.js';
import { succeeded } from './process-runner.js';
import { copyTree } from './tools.js';

/**
 * Settings the go command needs to reach the user's module proxy and checksum database. The
 * measured commands do not read the user's go env file (GOENV=off), so where the file sets
 * these and the environment does not, the download takes them from the file.
 */
export const NETWORK_SETTINGS = [
  'GOPROXY',
  'GONOPROXY',
  'GOPRIVATE',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOAUTH',
  'GOVCS',
] as const;

/** The network settings of the go env file that the environment does not set. Pure. */
export function networkSettingsFromFile(
  userEnv: NodeJS.ProcessEnv,
  fileSettings: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of NETWORK_SETTINGS) {
    const value = fileSettings[key];
    if (userEnv[key] === undefined && value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The module directory as the user named it, resolved; a UsageError (exit 2) for a path that
 * is not a directory or has no go.mod. Reads nothing else.
 */
export function checkProjectDir(dir: string): string {
  const resolved = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(`--project ${dir}: no such directory`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--project ${dir}: not a directory`);
  if (!fs.existsSync(path.join(resolved, 'go.mod'))) {
    throw new UsageError(`--project ${dir}: no go.mod there (give the root directory of a module)`);
  }
  return resolved;
}

/** What preparing a project needs from the measurement context. */
export interface ProjectPreparation {
  runner: CommandRunner;
  dirs: PrivateDirs;
  goPath: string;
  /** The controlled environment (private GOCACHE and GOMODCACHE) the measurements use. */
  env: Record<string, string>;
  /** The user's environment, for the go env file's network settings. */
  userEnv: NodeJS.ProcessEnv;
  /**
   * Download with -modcacherw (default true), so a private cache is removed without chmod; false
   * for a module cache the user named, which keeps go's read-only files.
   */
  modcacherw?: boolean;
  progress(text: string): void;
}

/** The go command's complaint, without its progress lines. */
function goComplaint(result: ProcessResult): string {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('go: downloading'));
  return lines.slice(0, 2).join('; ') || `exit status ${result.exitCode ?? '?'}`;
}

/**
 * Copies the module at `dir` (checked by checkProjectDir) into a private directory, downloads
 * its dependencies into the private module cache of `prep.env` and lists its packages offline.
 * Throws EnvironmentError (exit 3) when the dependencies cannot be downloaded, UsageError
 * (exit 2) when the module does not load offline afterwards (e.g. a go.sum without the needed
 * entries) or has no packages, InterruptedError after Ctrl-C.
 */
export async function prepareProject(
  dir: string,
  prep: ProjectPreparation,
): Promise<ProjectModule> {
  const { runner, dirs, goPath } = prep;
  const copy = path.join(dirs.root, 'project');
  prep.progress(`copying ${dir}`);
  await copyTree(runner, dir, copy);

  prep.progress('downloading dependencies into a private module cache (untimed)');
  const download = await runner.run({
    argv: [goPath, 'mod', 'download'],
    env: {
      ...prep.env,
      ...networkSettingsFromFile(prep.userEnv, readGoEnvFile(prep.userEnv)?.settings ?? {}),
      // The checksum database's notes go to GOPATH/pkg/sumdb: not the user's GOPATH.
      GOPATH: dirs.named('gopath'),
      // Writable module files, so the private cache is removed without chmod.
      GOFLAGS: prep.modcacherw === false ? '' : '-modcacherw',
    },
    cwd: copy,
    kind: 'tool',
    timeoutMs: null,
  });
  if (download.interrupted) throw new InterruptedError();
  if (!succeeded(download)) {
    throw new EnvironmentError(
      `--project ${dir}: cannot download its dependencies: ${goComplaint(download)}`,
    );
  }

  // Offline from here on, as every measured command: what fails now fails in the measurement.
  const offline = { ...prep.env, GOPROXY: 'off' };
  const list = await runner.run({
    argv: [
      goPath,
      'list',
      '-mod=readonly',
      '-f',
      '{{.Name}} {{.ImportPath}} {{if .Module}}{{.Module.Path}}{{end}}',
      './...',
    ],
    env: offline,
    cwd: copy,
    kind: 'tool',
    captureStdout: true,
  });
  if (list.interrupted) throw new InterruptedError();
  if (!succeeded(list)) {
    throw new UsageError(`--project ${dir}: the module does not load: ${goComplaint(list)}`);
  }
  const packages = list.stdout
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((f) => f.length >= 2);
  if (packages.length === 0) throw new UsageError(`--project ${dir}: the module has no packages`);
  return {
    dir: copy,
    modulePath: packages[0]?.[2] ?? path.basename(dir),
    mainPackages: packages
      .filter(([name]) => name === 'main')
      .map(([, importPath]) => importPath ?? ''),
  };
}
