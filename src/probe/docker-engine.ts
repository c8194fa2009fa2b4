// Whether a Docker engine with BuildKit can be used (`sweep --preset docker-cache`): a docker
// client on PATH, a daemon that answers `docker info`, and `docker buildx` (BuildKit's client).
// Reads the machine, times nothing; each question has a short timeout.
import { execFile } from 'node:child_process';
import { findOnPath } from './path-search.js';

/** A reachable engine, or why there is none, in words for one line. */
export type DockerEngine =
  | { available: true; docker: string; serverVersion: string; buildx: string }
  | { available: false; reason: string };

const TIMEOUT_MS = 15_000;

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; stdout: string; said: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: TIMEOUT_MS, windowsHide: true }, (err, stdout, stderr) => {
      const lines = `${stderr}`
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // The daemon's complaint is the last line; client warnings come first.
      const said = lines.at(-1) ?? (err ? (err.message.split('\n')[0] ?? '') : '');
      resolve({ ok: err === null, stdout: `${stdout}`.trim(), said });
    });
  });
}

/** Asks the docker client on `env.PATH` about its engine and BuildKit. */
export async function probeDockerEngine(env: NodeJS.ProcessEnv): Promise<DockerEngine> {
  const docker = findOnPath('docker', env.PATH);
  if (!docker) return { available: false, reason: 'no docker client on PATH' };
  const info = await run(docker, ['info', '--format', '{{.ServerVersion}}'], env);
  if (!info.ok || info.stdout === '') {
    const host = env.DOCKER_HOST ? ` at DOCKER_HOST=${env.DOCKER_HOST}` : '';
    return {
      available: false,
      reason: `the Docker daemon${host} is not reachable (docker info: ${info.said || 'no answer'})`,
    };
  }
  const buildx = await run(docker, ['buildx', 'version'], env);
  if (!buildx.ok) {
    return {
      available: false,
      reason: `the engine has no BuildKit client (docker buildx version: ${buildx.said || 'failed'})`,
    };
  }
  return { available: true, docker, serverVersion: info.stdout, buildx: buildx.stdout };
}
