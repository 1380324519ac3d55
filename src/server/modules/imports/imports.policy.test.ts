// Every staff role × import action, expected values written from the documented rule: the system administrator only.
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { type ImportAction, importsPolicy } from './imports.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<ImportAction, boolean[]> = {
  import: [false, false, false, false, false, true],
  readImports: [false, false, false, false, false, true],
  readSync: [false, false, false, false, false, true],
  editSync: [false, false, false, false, false, true],
  runSync: [false, false, false, false, false, true],
};

describe('imports policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(importsPolicy, actorWith(role), action as ImportAction)).toBe(allowed);
  });
});
