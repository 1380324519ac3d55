/**
 * Structural problems of a value against a TypeBox schema, as clear Swedish messages with JSON
 * Pointer paths. TypeBox's own error list reports every branch of a union (a wrong threshold in a
 * `rate` trigger also shows up as "must be incompleteWeeks", "must be lateCount", …); a ladder
 * editor needs one message per mistake, so unions discriminated on `kind` are resolved to the
 * branch the value names before its fields are checked.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** One thing wrong with a value: where (JSON Pointer, `''` = the whole value) and what, in Swedish. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** The JSON Schema keywords the walker reads; TypeBox schemas are plain JSON Schema objects. */
interface JsonSchemaNode {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchemaNode;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchemaNode[];
  const?: unknown;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'en text',
  number: 'ett tal',
  integer: 'ett heltal',
  boolean: 'true eller false',
  object: 'ett objekt',
  array: 'en lista',
};

/** RFC 6901 escaping of one path segment. */
const segment = (key: string | number): string => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

const quoted = (value: unknown): string => JSON.stringify(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `kind` constants of a union whose every branch is an object with a constant `kind`, else null. */
function discriminatorValues(node: JsonSchemaNode): string[] | null {
  if (!node.anyOf) return null;
  const kinds = node.anyOf.map((branch) => branch.properties?.kind?.const);
  return kinds.every((kind): kind is string => typeof kind === 'string') ? kinds : null;
}

/** Swedish text for one TypeBox leaf error; the schema's description (if any) says what is expected. */
function leafMessage(error: ReturnType<typeof Value.Errors>[number], node: JsonSchemaNode): string {
  const params = error.params as Record<string, unknown>;
  let message: string;
  switch (error.keyword) {
    case 'type':
      message = `måste vara ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`;
      break;
    case 'enum':
      message = `måste vara ett av ${(params.allowedValues as unknown[]).map(quoted).join(', ')}`;
      break;
    case 'const':
      message = `måste vara ${quoted(params.allowedValue)}`;
      break;
    case 'minimum':
      message = `måste vara minst ${String(params.limit)}`;
      break;
    case 'maximum':
      message = `får vara högst ${String(params.limit)}`;
      break;
    case 'minLength':
      message = params.limit === 1 ? 'får inte vara tom' : `måste ha minst ${String(params.limit)} tecken`;
      break;
    case 'maxLength':
      message = `får ha högst ${String(params.limit)} tecken`;
      break;
    case 'pattern':
      message = 'har fel format';
      break;
    default:
      message = `är ogiltigt (${error.keyword})`;
  }
  return node.description ? `${message} (${node.description})` : message;
}

/**
 * Every structural problem of `value` against `schema`, one per mistake. Handles the schema
 * shapes the ladder format uses: objects (required and unknown fields), arrays, unions
 * discriminated on `kind`, and leaves (checked by TypeBox, first error only).
 */
export function schemaProblems(schema: TSchema, value: unknown, path = ''): SchemaProblem[] {
  const node = schema as unknown as JsonSchemaNode;
  const kinds = discriminatorValues(node);
  if (kinds) {
    if (!isRecord(value))
      return [{ path, message: `måste vara ett objekt med fältet "kind" (ett av ${kinds.map(quoted).join(', ')})` }];
    const index = kinds.indexOf(value.kind as string);
    if (index < 0) {
      const message =
        value.kind === undefined
          ? `saknas; ange ett av ${kinds.map(quoted).join(', ')}`
          : `okänd typ ${quoted(value.kind)}; tillåtna är ${kinds.map(quoted).join(', ')}`;
      return [{ path: path + segment('kind'), message }];
    }
    return schemaProblems(node.anyOf![index] as unknown as TSchema, value, path);
  }
  if (node.type === 'object' && node.properties) {
    if (!isRecord(value)) return [{ path, message: 'måste vara ett objekt' }];
    const problems: SchemaProblem[] = [];
    for (const key of node.required ?? []) {
      if (!(key in value)) problems.push({ path: path + segment(key), message: 'saknas (obligatoriskt fält)' });
    }
    for (const [key, child] of Object.entries(value)) {
      const childSchema = node.properties[key];
      if (childSchema) problems.push(...schemaProblems(childSchema as unknown as TSchema, child, path + segment(key)));
      else if (node.additionalProperties === false)
        problems.push({ path: path + segment(key), message: 'är inte ett känt fält' });
    }
    return problems;
  }
  if (node.type === 'array' && node.items) {
    if (!Array.isArray(value)) return [{ path, message: 'måste vara en lista' }];
    const problems: SchemaProblem[] = [];
    if (node.minItems !== undefined && value.length < node.minItems) {
      problems.push({
        path,
        message:
          node.minItems === 1 ? 'måste innehålla minst en post' : `måste innehålla minst ${node.minItems} poster`,
      });
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      problems.push({ path, message: `får innehålla högst ${node.maxItems} poster` });
    }
    for (const [i, item] of value.entries()) {
      problems.push(...schemaProblems(node.items as unknown as TSchema, item, path + segment(i)));
    }
    return problems;
  }
  const [first] = Value.Errors(schema, value);
  return first ? [{ path: path + first.instancePath, message: leafMessage(first, node) }] : [];
}
