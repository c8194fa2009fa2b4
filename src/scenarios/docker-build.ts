// The scenarios of `sweep --preset docker-cache`: `docker buildx build` of the Dockerfile that
// `recipe dockerfile` prints, in a hello-world workspace or the private copy of the user's module.
// `docker/build-cold`: the Dockerfile without cache mounts and `--no-cache`, so every run
// downloads the modules and compiles everything. `docker/rebuild-mounts`: the Dockerfile with
// BuildKit cache mounts for GOMODCACHE and GOCACHE, after a source change (a comment appended to
// one .go file of the context, part of the timed command but microseconds of it); its warm-up
// fills the mounts. Results are discarded (`--output type=cacheonly`): no image is left behind.
// The Dockerfile goes in on stdin (`-f -`), so the context is never written to. Pure data.
import type { Scenario } from './types.js';

/** The two Dockerfiles compared (renderDockerfile with and without cache mounts). */
export interface DockerCacheFiles {
  withoutMounts: string;
  withMounts: string;
}

const BUILD = 'docker buildx build --progress=plain --output type=cacheonly -f - .';

/** Appends a comment to the first .go file outside vendor/: a source change, nothing else. */
const TOUCH_SOURCE =
  'f=$(find . -name "*.go" -not -path "./vendor/*" | sort | head -n 1) && [ -n "$f" ] && ' +
  'printf "\\n// gobaseline rebuild %s\\n" "$(date +%s%N)" >> "$f"';

/** The cold build and the rebuild after a source change, for the hello-world workspace. */
export function dockerCacheScenarios(files: DockerCacheFiles): Scenario[] {
  const common = {
    cache: 'none' as const,
    workspace: 'hello' as const,
    extractors: [],
    metrics: [],
  };
  return [
    {
      id: 'docker/build-cold',
      description:
        '`docker buildx build --no-cache` of the recipe Dockerfile without cache mounts: every module downloaded, everything compiled',
      ...common,
      argv: [
        'sh',
        '-c',
        `printf '%s' "$1" | ${BUILD.replace('build ', 'build --no-cache ')}`,
        'sh',
        files.withoutMounts,
      ],
      defaultWarmup: 1,
      defaultRuns: 3,
    },
    {
      id: 'docker/rebuild-mounts',
      description:
        '`docker buildx build` of the recipe Dockerfile with BuildKit cache mounts for GOMODCACHE and GOCACHE, after a source change',
      ...common,
      argv: ['sh', '-c', `${TOUCH_SOURCE} && printf '%s' "$1" | ${BUILD}`, 'sh', files.withMounts],
      defaultWarmup: 1,
      defaultRuns: 5,
    },
  ];
}
