import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseActionGraph } from '../../src/parse/actiongraph.js';
import { analyzeBuildGraph } from '../../src/analyze/build-graph.js';
import { BUILD_REPORT_SCHEMA, type BuildAnalysisReport } from '../../src/analyze/build-report.js';
import { renderBuildReport, renderCacheReport } from '../../src/report/build-report.js';
import { buildChartSvg, ganttSvg } from '../../src/report/build-svg.js';
import { clipLabel, escapeXml, tickStep } from '../../src/report/svg.js';
import { fixturePath } from '../support/paths.js';

const analysis = analyzeBuildGraph(
  parseActionGraph(readFileSync(fixturePath('actiongraph-net-http-cold-go1.26.8.json'), 'utf8')),
  5,
);

function report(over: Partial<BuildAnalysisReport> = {}): BuildAnalysisReport {
  return {
    schemaVersion: BUILD_REPORT_SCHEMA,
    command: 'analyze build',
    go: {
      path: '/usr/local/go/bin/go',
      version: 'go version go1.26.8 linux/amd64',
      goroot: '/usr/local/go',
    },
    target: { packages: ['net/http'], project: null },
    cache: { state: 'cold', primedWith: [] },
    env: {},
    build: {
      args: ['build', '-o', '/dev/null', 'net/http'],
      wallNs: 16.4e9,
      userNs: 27e9,
      sysNs: 3e9,
      peakRssBytes: 200 * 1024 * 1024,
      measuredBy: 'rusage-exec',
    },
    analysis,
    verify: null,
    relocation: null,
    warnings: [],
    ...over,
  };
}

test('the chart: one row per critical-path package and per slow compile, labels escaped', () => {
  const svg = buildChartSvg('net/http <cold> & "quoted"', analysis);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="960" height="\d+"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.ok(svg.includes('net/http &lt;cold&gt; &amp; &quot;quoted&quot;'));
  assert.ok(!svg.includes('<cold>'));
  // 24 merged critical-path rows + 5 slowest; each row's label has a <title> with the full name.
  assert.equal((svg.match(/text-anchor="end"/g) ?? []).length, 24 + 5);
  assert.ok(svg.includes('>runtime<title>runtime</title>'));
  assert.ok(!/NaN|undefined|Infinity/.test(svg));
  // Small: a few dozen bytes per bar.
  assert.ok(svg.length < 40_000, `${svg.length}`);
});

test('chart helpers: ticks, clipping, escaping, empty input', () => {
  assert.equal(tickStep(15.9e9), 2e9);
  assert.equal(tickStep(1e9), 200e6);
  assert.equal(tickStep(0), 1);
  assert.equal(
    clipLabel('vendor/golang.org/x/crypto/chacha20poly1305/internal', 20),
    '…20poly1305/internal',
  );
  assert.equal(clipLabel('net/http'), 'net/http');
  assert.equal(
    escapeXml(`<a href="x">'&'</a>`),
    '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
  );
  const empty = ganttSvg('nothing', [{ title: 'no rows', rows: [] }], 0);
  assert.ok(empty.includes('</svg>') && !/NaN/.test(empty));
});

test('terminal text of analyze build: header, hit rate, slowest, critical path, modes', () => {
  const text = renderBuildReport(report());
  assert.match(
    text,
    /^gobaseline analyze build · net\/http · go1\.26\.8 linux\/amd64 · cold private GOCACHE \(empty\)/,
  );
  assert.match(text, /build wall 16\.4 s \(user 27\.0 s, sys 3\.00 s\)/);
  assert.match(text, /compile actions: 183 · from the cache 0 · compiled 183 · hit rate 0\.0%/);
  assert.match(text, /critical path: 47 actions, 12\.2 s = 74\.\d% of the 16\.4 s wall time/);
  assert.match(text, /│ +1 │ runtime +│/);
  assert.match(text, /│ build check cache │ +183 │/);
});

test('terminal text of analyze cache, with a verification and a relocation', () => {
  const run = { wallNs: 400e6, cached: 183, ran: 0, hitRate: 1, ranPackages: [], newCacheFiles: 0 };
  const text = renderCacheReport(
    report({
      command: 'analyze cache',
      cache: { state: 'primed', primedWith: ['net/url'] },
      verify: {
        compileActions: 183,
        graphHits: 40,
        xCompiles: 143,
        xNotRun: 40,
        onlyInGraph: [],
        onlyInX: [],
        agrees: true,
      },
      relocation: {
        originalGoroot: '/usr/local/go',
        relocatedGoroot: '/tmp/gobaseline-x/goroot-copy',
        copyNs: 2e9,
        storage: [
          {
            name: 'original',
            path: '/usr/local/go',
            resolvedPath: '/usr/local/go',
            exists: true,
            symlinks: [],
            mountPoint: '/',
            fsType: 'ext4',
            fsClass: 'disk',
            source: '/dev/vda',
            device: '254:0',
            mountOptions: ['rw'],
            block: {
              name: 'vda',
              disk: 'vda',
              kind: 'virtio',
              rotational: true,
              model: null,
              sysfsPath: '/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda',
              underlying: [],
              evidence: [],
            },
            notes: [],
          },
        ],
        original: [run, { ...run, wallNs: 410e6 }],
        withoutIndex: { ...run, wallNs: 500e6 },
        firstRelocated: { ...run, wallNs: 600e6, newCacheFiles: 360 },
        relocated: [run, run],
        comparison: {
          p: 0.5,
          n1: 2,
          n2: 2,
          alpha: 0.05,
          significant: false,
          medianA: 405e6,
          medianB: 400e6,
          deltaFraction: -0.012,
          method: 'exact',
          warnings: [],
        },
        firstDeltaFraction: 0.48,
      },
    }),
  );
  assert.match(text, /private GOCACHE primed by an untimed build of net\/url/);
  assert.match(text, /│ hit rate +│ +0\.0% │/);
  assert.match(text, /so 40 not run; the action graph counts 40 cache hits: agrees/);
  assert.match(text, /│ copy, first build +│ +1 │ +100\.0% │ +0 │ +360 │ 600 ms/);
  assert.match(text, /original on ext4 \(\/dev\/vda, virtio disk vda\) mounted at \//);
  assert.match(text, /first build with the copy \+48\.0%; later builds ~ \(p=0\.500/);
  assert.match(text, /the cache survives the move, 183 of 183 reused/);
  assert.match(text, /│ copy, package index off +│ +1 │ +100\.0% │ +0 │ +0 │ 500 ms/);
  assert.match(
    text,
    /added 360 files to GOCACHE for 0 compiles, the same build with the package index off \(GODEBUG=goindex=0\) 0: cmd\/go's package index/,
  );
});
