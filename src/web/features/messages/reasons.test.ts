import { describe, expect, it } from 'vitest';
import sv from '../../i18n/sv.json';
import en from '../../i18n/en.json';
import { MESSAGE_REASONS } from '../../../shared/messages/reasons';

describe('reasons a message was not sent', () => {
  it('are words for staff in Swedish and English, never the code', () => {
    for (const texts of [sv.messageReasons, en.messageReasons] as Record<string, string>[]) {
      for (const reason of MESSAGE_REASONS) {
        expect(texts[reason], reason).toBeTruthy();
        expect(texts[reason]).not.toContain(reason);
      }
    }
  });
});
