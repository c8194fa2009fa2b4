// The API's one description, docs/openapi.json: the server takes its query-parameter schemas
// from it (fastify validates them: a clear 400), and the tests validate every response against
// it. Read once; the file ships with the package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** A JSON Schema as the OpenAPI file writes it. */
export type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

/** The parts of the OpenAPI document the server and tests read. */
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** Where the API description lives in the package. */
export const OPENAPI_FILE = path.join(packageRoot, 'docs', 'openapi.json');

let cached: OpenApiDoc | null = null;

export function openApi(): OpenApiDoc {
  cached ??= JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc;
  return cached;
}

/** The operation of an OpenAPI path (`/api/v1/runs/{runId}`) and method; throws if undocumented. */
export function operation(doc: OpenApiDoc, apiPath: string, method: string): Operation {
  const op = doc.paths[apiPath]?.[method.toLowerCase()];
  if (!op) throw new Error(`docs/openapi.json has no ${method} ${apiPath}`);
  return op;
}

/** `$ref`s into the document's components made relative to `base` (a schema $id), recursively. */
function rebase(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rebase(v, base));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${base}#/definitions/${v.slice('#/components/schemas/'.length)}`
        : rebase(v, base);
  }
  return out;
}

/** The $id under which the document's component schemas are registered with a validator. */
export const COMPONENTS_ID = 'gobaseline-api';

/** The component schemas as one schema document with an $id, for a validator's addSchema. */
export function componentsSchema(doc: OpenApiDoc): JsonSchema {
  return {
    $id: COMPONENTS_ID,
    definitions: rebase(doc.components.schemas, COMPONENTS_ID) as JsonSchema,
  };
}

/** A schema of the document with its `$ref`s pointing into componentsSchema. */
export function resolvable(schema: JsonSchema): JsonSchema {
  return rebase(schema, COMPONENTS_ID) as JsonSchema;
}

/** The JSON Schema of an operation's parameters of one kind (`query`, `path`), or undefined. */
export function parametersSchema(op: Operation, where: Parameter['in']): JsonSchema | undefined {
  const params = (op.parameters ?? []).filter((p) => p.in === where);
  if (params.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, resolvable(p.schema)])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}
