// The Dockerfile recipe: multi-stage, BuildKit cache mounts for GOMODCACHE and GOCACHE, the flags quoted for sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDockerfile } from '../../src/scenarios/dockerfile.js';

test('a multi-stage Dockerfile with cache mounts and the measured flags', () => {
  const text = renderDockerfile({
    goVersion: '1.26.8',
    buildFlags: ['-ldflags=-s -w', '-trimpath'],
    mainPackage: './cmd/server',
    provenance: ['Flags measured by run R'],
  });
  assert.match(text, /^# syntax=docker\/dockerfile:1\n/);
  assert.match(text, /^# Flags measured by run R$/m);
  assert.match(text, /^FROM golang:1\.26\.8 AS build$/m);
  assert.match(text, /^RUN --mount=type=cache,target=\/go\/pkg\/mod go mod download$/m);
  assert.match(
    text,
    /^RUN --mount=type=cache,target=\/go\/pkg\/mod --mount=type=cache,target=\/root\/\.cache\/go-build \\\n {4}go build '-ldflags=-s -w' -trimpath -o \/out\/app \.\/cmd\/server$/m,
  );
  assert.match(text, /^COPY go\.mod go\.sum\* \.\/$/m);
  assert.match(text, /^FROM gcr\.io\/distroless\/static-debian12$/m);
  assert.match(text, /^ENTRYPOINT \["\/app"\]$/m);
  const plain = renderDockerfile({
    goVersion: null,
    buildFlags: [],
    mainPackage: '.',
    provenance: [],
    cacheMounts: false,
  });
  assert.doesNotMatch(plain, /--mount/);
  assert.match(plain, /^FROM golang:1 AS build$/m);
});
