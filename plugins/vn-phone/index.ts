/**
 * Vietnamese phone numbers: a guard that a field holds one, and a data action that
 * normalises it to the +84 form. A tiny plugin proving the plugin contract.
 */
import type { DataActionDefinition, GuardDefinition, Plugin } from '../../engine/plugins/index.js';

/** Mobile and landline numbers: 0xx… or +84xx…, 10 digits nationally (spaces, dots, dashes allowed). */
const pattern = /^(?:\+84|0084|0)(?:3|5|7|8|9|2\d)\d{8}$/;

function digits(value: unknown): string | undefined {
  return typeof value === 'string' ? value.replace(/[\s.-]/g, '') : undefined;
}

const fieldParams = {
  type: 'object',
  required: ['field'],
  additionalProperties: false,
  properties: { field: { type: 'string', minLength: 1 } },
};

const vnPhoneValid: GuardDefinition<{ field: string }> = {
  description: 'The field holds a Vietnamese phone number (0… or +84…).',
  paramsSchema: fieldParams,
  evaluate({ data }, { field }) {
    const phone = digits(data[field]);
    if (phone && pattern.test(phone)) return { ok: true };
    return {
      ok: false,
      reason: { en: `${field} is not a Vietnamese phone number`, vi: `${field} không phải số điện thoại Việt Nam` },
    };
  },
};

const vnPhoneNormalize: DataActionDefinition<{ field: string }> = {
  kind: 'data',
  description: 'Rewrite a Vietnamese phone number to the international +84 form.',
  paramsSchema: fieldParams,
  apply({ data }, { field }) {
    const phone = digits(data[field]);
    if (!phone || !pattern.test(phone)) return {};
    return { [field]: `+84${phone.replace(/^(\+84|0084|0)/, '')}` };
  },
};

export default {
  name: 'vn-phone',
  version: 1,
  guards: { vnPhoneValid },
  actions: { vnPhoneNormalize },
} satisfies Plugin;
