// The schema helper itself: it must reject what the standard rejects, or the route tests prove nothing.
import { describe, expect, it } from 'vitest';
import { assertSs12000 } from './official-schema.js';

describe('official SS12000 schema', () => {
  it('accepts a valid page and rejects a record without its required fields or with a wrong type', () => {
    const record = {
      id: '046b6c7f-0b8a-43b9-b35d-6489e6daee91',
      meta: { created: '2026-01-12T08:00:00.000Z', modified: '2026-01-12T08:00:00.000Z' },
      calendarEvent: { id: '046b6c7f-0b8a-43b9-b35d-6489e6daee92' },
      student: { id: '046b6c7f-0b8a-43b9-b35d-6489e6daee93', securityMarking: 'Ingen' },
      isReported: true,
    };
    expect(() => assertSs12000('Attendances', { data: [record], pageToken: null })).not.toThrow();
    expect(() => assertSs12000('Attendances', { data: [{ ...record, isReported: undefined }] })).toThrow(/isReported/);
    expect(() => assertSs12000('Attendances', { data: [{ ...record, student: { id: 'x' } }] })).toThrow(/format/);
    expect(() =>
      assertSs12000('Attendances', {
        data: [{ ...record, student: { ...record.student, securityMarking: 'Hemlig' } }],
      }),
    ).toThrow(/enum/);
    expect(() => assertSs12000('Error', { message: 'x' })).toThrow(/code/);
  });
});
