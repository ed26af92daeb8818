/** An entity schema with a field of every kind the list's filter bar knows, for its tests. */
import type { EntitySchema } from '../../designer/src/model/pack-types.js';

export const schema: EntitySchema = {
  type: 'object',
  'x-labels': { vi: 'Khách hàng', en: 'Account' },
  properties: {
    name: { type: 'string', 'x-labels': { vi: 'Tên', en: 'Name' } },
    province: { type: 'string', 'x-labels': { vi: 'Tỉnh/thành', en: 'Province' } },
    tier: {
      type: 'string',
      enum: ['VIP1', 'VIP2', 'Loyal'],
      'x-labels': { vi: 'Hạng khách hàng', en: 'Tier' },
      'x-enumLabels': { Loyal: { vi: 'Thân thiết', en: 'Loyal' } },
    },
    stars: { type: 'integer', enum: [3, 5], 'x-labels': { vi: 'Hạng sao', en: 'Stars' } },
    budget: { type: 'integer', 'x-widget': 'money', 'x-labels': { vi: 'Ngân sách', en: 'Budget' } },
    rating: { type: 'number', 'x-labels': { vi: 'Điểm', en: 'Rating' } },
    vip: { type: 'boolean', 'x-labels': { vi: 'VIP', en: 'VIP' } },
    dateOfBirth: { type: 'string', format: 'date', 'x-labels': { vi: 'Ngày sinh', en: 'Date of birth' } },
    dueOn: { type: 'string', format: 'date', 'x-labels': { vi: 'Hạn', en: 'Due' } },
    seenAt: { type: 'string', format: 'date-time', 'x-labels': { vi: 'Lần cuối gặp', en: 'Last seen' } },
    tags: {
      type: 'array',
      items: { enum: ['vip', 'new'], 'x-enumLabels': { vip: { vi: 'Khách VIP', en: 'VIP guest' } } },
      'x-labels': { vi: 'Nhãn', en: 'Tags' },
    },
    interests: { type: 'array', items: { type: 'string' }, 'x-labels': { vi: 'Quan tâm', en: 'Interests' } },
    address: { type: 'object', properties: { street: { type: 'string', 'x-labels': { vi: 'Đường', en: 'Street' } } }, 'x-labels': { vi: 'Địa chỉ', en: 'Address' } },
  },
};
