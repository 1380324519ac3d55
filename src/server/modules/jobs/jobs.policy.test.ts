// Every staff role × relation for reading a background job, expected values written from the documented
// rule: the user who started it, whatever the role; nobody else.
import { describe, expect, it } from 'vitest';
import { allows } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { jobsPolicy } from './jobs.policy.js';

describe('jobs policy', () => {
  it.each(STAFF_ROLES)('%s reads a job it started, and no other', (role) => {
    expect(allows(jobsPolicy, actorWith(role), 'read', { schoolUnitId: null, relations: ['creator'] })).toBe(true);
    expect(allows(jobsPolicy, actorWith(role), 'read', { schoolUnitId: null, relations: [] })).toBe(false);
  });
});
