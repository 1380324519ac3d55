// Every staff role × message action, expected values written from the documented rules (messages.policy.ts).
import { describe, expect, it } from 'vitest';
import { allowsAnywhere } from '../../policies/table.js';
import { actorWith, STAFF_ROLES } from '../../policies/test-actors.js';
import { type MessageAction, messagesPolicy } from './messages.policy.js';

//                 teacher mentor principal studentHealth organiserAdmin systemAdmin
const expected: Record<MessageAction, boolean[]> = {
  readLog: [false, false, true, true, true, false],
  editTemplates: [false, false, false, false, true, false],
  editSettings: [false, false, false, false, true, false],
};

describe('messages policy', () => {
  it.each(
    Object.entries(expected).flatMap(([action, row]) => STAFF_ROLES.map((role, i) => [role, action, row[i]] as const)),
  )('%s may %s: %s', (role, action, allowed) => {
    expect(allowsAnywhere(messagesPolicy, actorWith(role), action as MessageAction)).toBe(allowed);
  });

  it('a guardian may do none of it', () => {
    for (const action of Object.keys(expected) as MessageAction[])
      expect(allowsAnywhere(messagesPolicy, actorWith('teacher', 'guardian'), action)).toBe(false);
  });
});
