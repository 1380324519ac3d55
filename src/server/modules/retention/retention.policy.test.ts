// Every staff role × retention action, expected values written from the documented rule: huvudman and system administrator.
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { type RetentionAction, retentionPolicy } from './retention.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<RetentionAction, boolean[]> = {
  manage: [false, false, false, false, true, true],
};

describe('retention policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(retentionPolicy, actorWith(role), action as RetentionAction)).toBe(allowed);
  });
});
