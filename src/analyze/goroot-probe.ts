// Gathers the GOROOT resolution report: asks the go binary (with your environment, so your
// GOROOT and go env file apply, but with private GOCACHE, GOMODCACHE and TMPDIR and
// GOTOOLCHAIN=local) what GOROOT it uses, and explains where that came from by applying
// cmd/go's rules (goroot-resolution.ts) to the environment, the go env file and the binary.
import { GoEnvJsonError, parseGoEnvJson } from '../parse/go-env-json.js';
import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { PrivatePaths } from '../measure/controlled-env.js';
import { readGoEnvFile } from '../probe/index.js';
import { storageOf } from './goroot-placement.js';
import type { ResolutionReport } from './goroot-report.js';
import {
  parseTrimpath,
  predictGoroot,
  resolutionChecks,
  traceSymlinks,
  type FsView,
} from './goroot-resolution.js';
import { timedRun, type RunContext } from './goroot-runner.js';

/** The real file system as the pure resolution code sees it. */
export const realFs: FsView = {
  kind(p) {
    try {
      const st = fs.lstatSync(p);
      return st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : 'file';
    } catch {
      return 'missing';
    }
  },
  readlink: (p) => fs.readlinkSync(p),
};

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The environment for asking the user's go: theirs, with private write locations. */
export function askEnv(userEnv: NodeJS.ProcessEnv, paths: PrivatePaths): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(userEnv)) if (v !== undefined) env[k] = v;
  return {
    ...env,
    GOCACHE: paths.gocache,
    GOMODCACHE: paths.gomodcache,
    TMPDIR: paths.tmpdir,
    GOTOOLCHAIN: 'local',
  };
}

/** What `go env -json GOROOT GOENV GOVERSION GOTOOLDIR` says. */
interface GoEnvAnswer {
  GOROOT: string;
  GOENV: string;
  GOVERSION: string;
  GOTOOLDIR: string;
}

/**
 * Builds the resolution report for the go binary `goPath` as run from `cwd` with `userEnv`.
 * Throws EnvironmentError (exit 3) when the go command does not work.
 */
export async function probeResolution(
  ctx: RunContext,
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  paths: PrivatePaths,
  cwd: string,
): Promise<ResolutionReport> {
  const env = askEnv(userEnv, paths);
  const asked = await timedRun(
    ctx,
    [goPath, 'env', '-json', 'GOROOT', 'GOENV', 'GOVERSION', 'GOTOOLDIR'],
    env,
    cwd,
    true,
  );
  if (asked.failure !== null) {
    throw new EnvironmentError(`the Go toolchain at ${goPath} does not work: ${asked.failure}`);
  }
  let answer: GoEnvAnswer;
  try {
    const said = parseGoEnvJson(asked.stdout);
    answer = {
      GOROOT: said.GOROOT ?? '',
      GOENV: said.GOENV ?? '',
      GOVERSION: said.GOVERSION ?? '',
      GOTOOLDIR: said.GOTOOLDIR ?? '',
    };
  } catch (err) {
    if (!(err instanceof GoEnvJsonError)) throw err;
    throw new EnvironmentError(`the Go toolchain at ${goPath} does not work: ${err.message}`);
  }
  const versionM = await timedRun(ctx, [goPath, 'version', '-m', goPath], env, cwd, true);
  const trimmed = versionM.failure === null ? parseTrimpath(versionM.stdout) : null;

  const executable = fs.realpathSync(goPath);
  const goEnvFile = readGoEnvFile(userEnv);
  const fileGoroot = goEnvFile?.settings.GOROOT;
  const prediction = predictGoroot({
    envGoroot: userEnv.GOROOT,
    envFile: goEnvFile ? { path: goEnvFile.path, goroot: fileGoroot } : null,
    executable,
    isGoroot: (dir) => isDir(path.join(dir, 'pkg', 'tool')),
    builtIn: trimmed === true ? '' : null,
  });

  const goroot = answer.GOROOT;
  const physical = path.resolve(cwd, goroot);
  let versionFile: string | null = null;
  try {
    versionFile = fs.readFileSync(path.join(physical, 'VERSION'), 'utf8').split('\n')[0] ?? '';
  } catch {
    versionFile = null;
  }
  const checks = resolutionChecks({
    goroot,
    isDir: isDir(physical),
    hasPkgTool: isDir(path.join(physical, 'pkg', 'tool')),
    toolDir: answer.GOTOOLDIR,
    hasCompileAndLink:
      isFile(path.resolve(cwd, answer.GOTOOLDIR, 'compile')) &&
      isFile(path.resolve(cwd, answer.GOTOOLDIR, 'link')),
    versionFile,
    goVersion: answer.GOVERSION,
    hasGoEnvFile: isFile(path.join(physical, 'go.env')),
  });

  const notes = [
    '`go env -changed` never lists GOROOT (cmd/go does not track whether it changed), so its source is derived from the environment, the go env file and the binary by cmd/go’s rules',
  ];
  if (prediction.source === 'executable location') {
    notes.push(
      'on Linux the go command finds its own binary through /proc/self/exe, which has symlinks already resolved: a symlinked go binary (e.g. /usr/bin/go -> /usr/lib/go/bin/go) still finds its GOROOT, and that GOROOT is the real path',
    );
  }
  const gorootGo = path.join(physical, 'bin', 'go');
  try {
    if (fs.realpathSync(gorootGo) !== executable) {
      notes.push(
        `the go binary ${goPath} is not GOROOT/bin/go (${gorootGo}); the experiments run GOROOT/bin/go`,
      );
    }
  } catch {
    notes.push(`GOROOT has no bin/go (${gorootGo})`);
  }

  const storage = await storageOf({ GOROOT: goroot }, cwd);
  return {
    goBinary: {
      path: goPath,
      trace: traceSymlinks(goPath, realFs, cwd),
      executable,
      trimmed,
      version: answer.GOVERSION,
    },
    goroot,
    absolute: path.isAbsolute(goroot),
    trace: traceSymlinks(goroot, realFs, cwd),
    storage: storage.GOROOT ?? null,
    source: prediction.source,
    sourceDetail: prediction.detail,
    predicted: prediction.value,
    agrees: prediction.value === goroot,
    environment: userEnv.GOROOT ? userEnv.GOROOT : null,
    goEnvFile: answer.GOENV,
    goEnvFileGoroot: fileGoroot ? fileGoroot : null,
    checks,
    notes,
  };
}
