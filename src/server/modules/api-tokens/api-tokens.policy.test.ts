// Every staff role × API-token action, expected values written from the documented rule: huvudman only.
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { type ApiTokenAction, apiTokensPolicy } from './api-tokens.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<ApiTokenAction, boolean[]> = {
  manage: [false, false, false, false, true, false],
};

describe('api-tokens policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(apiTokensPolicy, actorWith(role), action as ApiTokenAction)).toBe(allowed);
  });
});
