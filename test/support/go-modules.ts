// Real Go modules for the `--project` tests: github.com/google/uuid@v1.6.0 from the module proxy
// (the only network the tests use), and a tiny main module requiring it, in temp dirs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

export const UUID = 'github.com/google/uuid';
export const UUID_VERSION = 'v1.6.0';

/** Environment for the test's own go commands: private module cache, GOPATH and build cache. */
function goEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOMODCACHE: path.join(scratch, 'mod'),
    GOPATH: path.join(scratch, 'gopath'),
    GOCACHE: path.join(scratch, 'cache'),
    GOFLAGS: '-modcacherw',
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
  };
}

/** A copy of github.com/google/uuid@v1.6.0 from the module proxy, in a temp dir. */
export function uuidModule(): string {
  const scratch = tempDir('gbtest-proxy-');
  const out = execFileSync('go', ['mod', 'download', '-json', `${UUID}@${UUID_VERSION}`], {
    cwd: scratch,
    env: goEnv(scratch),
    encoding: 'utf8',
  });
  const { Dir } = JSON.parse(out) as { Dir: string };
  const dir = path.join(tempDir('gbtest-project-'), 'uuid');
  execFileSync('cp', ['-a', Dir, dir]);
  return dir;
}

/** A tiny main module requiring uuid, with the go.sum `go mod tidy` writes. */
export function moduleWithDependency(): string {
  const dir = path.join(tempDir('gbtest-project-'), 'withdep');
  mkdirSync(path.join(dir, 'cmd', 'newid'), { recursive: true });
  writeFileSync(
    path.join(dir, 'go.mod'),
    `module example.com/withdep\n\ngo 1.21\n\nrequire ${UUID} ${UUID_VERSION}\n`,
  );
  writeFileSync(
    path.join(dir, 'cmd', 'newid', 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n\t"${UUID}"\n)\n\nfunc main() { fmt.Println(uuid.NewString()) }\n`,
  );
  writeFileSync(
    path.join(dir, 'id_test.go'),
    `package withdep\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n`,
  );
  writeFileSync(path.join(dir, 'doc.go'), 'package withdep\n');
  execFileSync('go', ['mod', 'tidy'], {
    cwd: dir,
    env: goEnv(tempDir('gbtest-tidy-')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return dir;
}
