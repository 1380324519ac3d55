// Every staff role × export action, expected values written from the documented rule: huvudman only.
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { type ExportAction, exportsPolicy } from './exports.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<ExportAction, boolean[]> = {
  export: [false, false, false, false, true, false],
};

describe('exports policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(exportsPolicy, actorWith(role), action as ExportAction)).toBe(allowed);
  });
});
