// Worker thread of test/support/fuzz.ts: imports a fuzz test module, runs one of its properties
// with fast-check and reports each case's start (so the main thread can spot a hang) and the end.
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import {
  checkCase,
  failureReport,
  inputSize,
  type ParserProperty,
  type WorkerMessage,
  type WorkerTask,
} from './fuzz.js';

const task = workerData as WorkerTask;
const port = parentPort;
if (port === null) throw new Error('fuzz-worker runs only as a worker thread');
const send = (m: WorkerMessage): void => port.postMessage(m);

const mod = (await import(task.moduleUrl)) as { properties?: ParserProperty[] };
const p = mod.properties?.find((x) => x.name === task.name);
if (p === undefined) throw new Error(`${task.moduleUrl} exports no property "${task.name}"`);

let index = 0;
const details = fc.check(
  fc.property(p.input, (input) => {
    send({ type: 'case', index: index++, size: inputSize(input) });
    checkCase(p, input);
  }),
  { seed: task.seed, numRuns: task.numRuns },
);
send({ type: 'done', failure: failureReport(details, task), numRuns: details.numRuns });
