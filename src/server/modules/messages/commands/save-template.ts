/** The organiser's wording of one template in one language, with its audit event. */
import { AppError, notFound } from '../../../errors.js';
import { schema, type Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';
import { DEFAULT_TEMPLATES, TEMPLATE_VARIABLES, unknownVariables } from '../../../../shared/messages/templates.js';

export interface SaveTemplateInput {
  templateKey: string;
  locale: string;
  subject: string;
  body: string;
}

/** @throws NOT_FOUND for a template that does not exist; TEMPLATE_INVALID for a field the renderer does not know. */
export async function saveTemplate(tx: Tx, ctx: AuditContext, input: SaveTemplateInput, now: Date): Promise<void> {
  const { templateKey, locale } = input;
  if (!DEFAULT_TEMPLATES[templateKey]) throw notFound('NOT_FOUND', 'Mallen finns inte.');
  const unknown = [...unknownVariables(input.subject), ...unknownVariables(input.body)];
  if (unknown.length > 0)
    throw new AppError('TEMPLATE_INVALID', `Okända fält i mallen: ${unknown.map((u) => `{{${u}}}`).join(', ')}.`, [
      { path: '/body', message: `Tillåtna fält: ${TEMPLATE_VARIABLES.join(', ')}` },
    ]);
  const values = { subject: input.subject, body: input.body, updatedByUserId: ctx.actorUserId, updatedAt: now };
  await tx
    .insert(schema.messageTemplates)
    .values({ organiserId: ctx.organiserId, templateKey, locale, ...values })
    .onConflictDoUpdate({
      target: [
        schema.messageTemplates.organiserId,
        schema.messageTemplates.templateKey,
        schema.messageTemplates.locale,
      ],
      set: values,
    });
  await writeAuditEvent(tx, ctx, { type: 'message.save-template', data: { templateKey, locale } });
}
