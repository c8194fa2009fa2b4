// Properties of the action graph parser and the analysis that reads its result (see
// test/support/fuzz.ts for the contract).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ActionGraphParseError, parseActionGraph } from '../../src/parse/actiongraph.js';
import { analyzeBuildGraph } from '../../src/analyze/build-graph.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedJson, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const graph = (name: string): unknown[] =>
  JSON.parse(readFileSync(fixturePath(name), 'utf8')) as unknown[];
const fixtures = [
  graph('actiongraph-hello-link-go1.26.8.json'),
  graph('actiongraph-encoding-json-primed-net-url-go1.26.8.json'),
  // The cold net/http graph is 300 KB: its first 150 actions keep cases fast.
  graph('actiongraph-net-http-cold-go1.26.8.json').slice(0, 150),
];
const TOKENS = ['"ID"', '"Deps"', '"TimeStart"', '"Cmd"', '0001-01-01T00:00:00Z', '9999-12-31'];

export const properties = [
  parserProperty({
    name: 'action graph: a damaged graph parses and analyzes, or fails with ActionGraphParseError',
    input: fc.oneof(
      { arbitrary: mutatedJson(fixtures, 4, TOKENS), weight: 9 },
      { arbitrary: tokenSoup(TOKENS), weight: 1 },
    ),
    parse: (text: string) => analyzeBuildGraph(parseActionGraph(text)),
    errors: [ActionGraphParseError],
    runs: 1000,
  }),
];

fuzzTests(import.meta.url, properties);
