/**
 * The official SS12000 v2.1 OpenAPI (../shared/reference/ss12000), loaded as it is (never copied
 * into the repository), so tests check answers against the standard itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const OPENAPI = path.resolve(process.cwd(), '../shared/reference/ss12000/openapi_ss12000_version2_1_0.yaml');

let ajv: Ajv | null = null;

function load(): Ajv {
  if (ajv) return ajv;
  const document = parse(fs.readFileSync(OPENAPI, 'utf8'));
  // OpenAPI 3.0 schemas carry `example`, `nullable` and `readOnly`; Ajv knows `nullable`, the rest is annotation.
  ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addSchema(document, 'ss12000');
  return ajv;
}

/**
 * Asserts that `value` is valid against `#/components/schemas/<name>` of the official document.
 * @throws with every schema error listed
 */
export function assertSs12000(name: string, value: unknown): void {
  const validate = load().getSchema(`ss12000#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the SS12000 OpenAPI`);
  if (!validate(value)) throw new Error(`not a valid SS12000 ${name}: ${JSON.stringify(validate.errors, null, 1)}`);
}
