/** Renders an outbox message for one recipient language: the organiser's template if saved, else the default. */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import {
  asMessageLocale,
  defaultTemplate,
  MESSAGE_WORDS,
  renderStrict,
  type MessageLocale,
  type TemplateText,
} from '../../../shared/messages/templates.js';

export type TemplateLookup = (
  templateKey: string,
  locale: MessageLocale,
  kind: 'guardianMessage' | 'organiserNotice',
) => Promise<TemplateText>;

/** Template lookup for one organiser, cached for one expansion run. */
export function templateLookup(tx: Tx, organiserId: string): TemplateLookup {
  const cache = new Map<string, TemplateText>();
  return async (templateKey, locale, kind) => {
    const key = `${templateKey}|${locale}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const [own] = await tx
      .select()
      .from(schema.messageTemplates)
      .where(
        and(
          eq(schema.messageTemplates.organiserId, organiserId),
          eq(schema.messageTemplates.templateKey, templateKey),
          eq(schema.messageTemplates.locale, locale),
        ),
      );
    const text = own ? { subject: own.subject, body: own.body } : defaultTemplate(templateKey, locale, kind);
    cache.set(key, text);
    return text;
  };
}

const LOCALE_TAGS: Record<MessageLocale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Values in the recipient's language: dates, months, rates, decisions. */
export function localisedValues(
  locale: string,
  payload: Record<string, unknown>,
  facts: Record<string, string>,
): Record<string, string> {
  const lang = asMessageLocale(locale);
  const tag = LOCALE_TAGS[lang];
  const words = MESSAGE_WORDS[lang];
  const values: Record<string, string> = { ...facts };
  for (const [name, value] of Object.entries(payload))
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  if (typeof payload.month === 'string') {
    values.month = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${payload.month}-01T00:00:00Z`),
    );
  }
  if (typeof payload.rate === 'number')
    values.rate = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(payload.rate);
  if (payload.decision === 'granted' || payload.decision === 'rejected') values.decision = words[payload.decision];
  if (payload.reason === '' || payload.reason === undefined) values.reason = words.noReason;
  if (Array.isArray(payload.lessons)) values.lessons = joinList(payload.lessons as string[], words.and);
  return values;
}

function joinList(items: string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** The text for one recipient, or the placeholders that had no value (then nothing may be sent). */
export async function renderFor(
  lookup: TemplateLookup,
  templateKey: string,
  kind: 'guardianMessage' | 'organiserNotice',
  locale: string,
  values: Record<string, string>,
) {
  return renderStrict(await lookup(templateKey, asMessageLocale(locale), kind), values);
}
