// Checks an answer of `serve` against docs/openapi.json: the status is documented for the
// operation, and a JSON body validates against the documented schema (ajv).
import assert from 'node:assert/strict';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  componentsSchema,
  openApi,
  operation,
  resolvable,
  type JsonSchema,
} from '../../src/server/openapi.js';

const doc = openApi();
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
ajv.addSchema(componentsSchema(doc));
const compiled = new Map<string, ValidateFunction>();

/** An answer as fastify's inject or fetch gives it. */
export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * Asserts that `answer` to `method apiPath` (the OpenAPI path, e.g. /api/v1/runs/{runId}) is
 * documented; returns its parsed JSON body (or the text of a non-JSON one).
 */
export function assertDocumented(apiPath: string, method: string, answer: Answer): unknown {
  const op = operation(doc, apiPath, method);
  const status = String(answer.statusCode);
  const response = op.responses[status];
  assert.ok(response, `${method} ${apiPath} answered ${status}, not documented: ${answer.body}`);
  const type = String(answer.headers['content-type'] ?? '');
  const json = response.content?.['application/json'];
  if (!json) {
    assert.ok(
      response.content?.['text/plain'],
      `${method} ${apiPath} ${status}: no content documented`,
    );
    assert.match(type, /^text\/plain/);
    return answer.body;
  }
  assert.match(type, /^application\/json/, `${method} ${apiPath} ${status}: content type ${type}`);
  const key = `${method} ${apiPath} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(resolvable(json.schema as JsonSchema));
    compiled.set(key, validate);
  }
  const body = JSON.parse(answer.body) as unknown;
  assert.ok(
    validate(body),
    `${key} does not match docs/openapi.json: ${ajv.errorsText(validate.errors)}\n${answer.body.slice(0, 500)}`,
  );
  return body;
}
