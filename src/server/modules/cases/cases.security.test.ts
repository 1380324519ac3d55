/**
 * Security review (session 9): the audit trail of a case or pupil shows the huvudman and the
 * system administrator who did what and when, not the free text entered with it (a reopen
 * reason, a ladder step's reason, a task note may hold health notes). The case page already hides
 * event data from them (docs/permissions.md, "What the organiser (huvudman) sees of a case").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';

const FREE_TEXT = 'Eleven har diagnos X och mår dåligt hemma';

describe('audit trail free text', () => {
  let t: TestApp;
  let world: World;
  let rektor: Session;
  let caseId: string;
  const pupil = () => world.pupilsA[0];

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12']);
    rektor = await logInAs(t.app, world.usernames.principal);
    const opened = await rektor.request({ method: 'POST', url: '/api/cases', payload: { pupilId: pupil() } });
    expect(opened.statusCode).toBe(201);
    caseId = opened.json().id;
    for (const [url, payload] of [
      [`/api/cases/${caseId}/close`, { reason: 'other', outcome: 'Avslutat.' }],
      [`/api/cases/${caseId}/reopen`, { reason: FREE_TEXT }],
      [`/api/pupils/${pupil()}/ladder-decisions`, { stepIndex: 1, reason: FREE_TEXT }],
    ] as const) {
      const res = await rektor.request({ method: 'POST', url, payload });
      expect([url, res.statusCode]).toEqual([url, res.statusCode < 300 ? res.statusCode : 'failed']);
    }
  });
  afterAll(() => t.close());

  const trails = (session: Session) =>
    Promise.all(
      [`/api/cases/${caseId}/audit`, `/api/pupils/${pupil()}/case-audit`].map((url) =>
        session.request({ method: 'GET', url }),
      ),
    );

  it('shows the huvudman and the system administrator the events without the text entered with them', async () => {
    for (const username of [world.usernames.organiserAdmin, world.usernames.systemAdmin]) {
      for (const res of await trails(await logInAs(t.app, username))) {
        expect(res.statusCode).toBe(200);
        const types = res.json().events.map((e: { type: string }) => e.type);
        expect(types).toContain('case.reopen');
        expect([username, res.body.includes(FREE_TEXT)]).toEqual([username, false]);
      }
    }
  });

  it('shows the rektor the text (who works with the case)', async () => {
    const [byCase, byPupil] = await trails(rektor);
    expect(byCase.body).toContain(FREE_TEXT);
    expect(byPupil.body).toContain(FREE_TEXT);
  });
});
