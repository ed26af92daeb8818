/**
 * Readable names of the engine's built-in guards and actions in both languages; plugins'
 * ones are shown by their registered name and description.
 */
import type { Lang } from '../model/draft.js';
import type { Labels } from '../model/pack-types.js';

const NAMES: Record<string, Labels> = {
  fieldCompare: { vi: 'So sánh trường', en: 'Compare a field' },
  fieldsPresent: { vi: 'Đã nhập các trường', en: 'Fields filled in' },
  stageRequiredFieldsPresent: {
    vi: 'Đủ trường bắt buộc của giai đoạn',
    en: "Stage's required fields filled in",
  },
  activitiesDone: { vi: 'Đã xong hoạt động bắt buộc', en: 'Required activities done' },
  setField: { vi: 'Gán giá trị trường', en: 'Set a field' },
  incrementField: { vi: 'Tăng giá trị trường', en: 'Increment a field' },
  createRecord: { vi: 'Tạo bản ghi liên quan', en: 'Create a related record' },
  sendEvent: { vi: 'Gửi sự kiện tới bản ghi liên quan', en: 'Send an event to related records' },
  notify: { vi: 'Gửi thông báo', en: 'Notify someone' },
  sendMessage: { vi: 'Gửi tin nhắn cho khách hàng', en: 'Send a message to a customer' },
  sendBulk: { vi: 'Gửi chiến dịch tới phân khúc', en: 'Send to a segment' },
  sendReply: { vi: 'Gửi câu trả lời qua kênh của hội thoại', en: 'Send the reply through the conversation’s channel' },
  withinHours: { vi: 'Trong khung giờ trả lời của kênh', en: 'Within the channel’s reply window' },
};

const DESCRIPTIONS_VI: Record<string, string> = {
  fieldCompare: 'So sánh một trường của bản ghi với một giá trị.',
  fieldsPresent: 'Các trường liệt kê đã được nhập.',
  stageRequiredFieldsPresent:
    'Các trường bắt buộc của một giai đoạn đã được nhập (mặc định là giai đoạn hiện tại).',
  activitiesDone: 'Mọi hoạt động bắt buộc của một giai đoạn đã xong (mặc định là giai đoạn hiện tại).',
  setField: 'Gán một trường bằng một giá trị, một giá trị của sự kiện, hoặc thời điểm hiện tại.',
  incrementField: 'Cộng thêm vào một trường số (thiếu thì tính là 0).',
  createRecord: 'Tạo bản ghi của thực thể khác, sao chép trường và liên kết hai chiều.',
  sendEvent: 'Gửi sự kiện tới bản ghi liên quan.',
  notify: 'Gửi tin nhắn vào hộp thư của người phụ trách, người xử lý hoặc một người dùng.',
  sendMessage: 'Gửi một tin nhắn (email, SMS…) theo mẫu tới khách hàng: chính bản ghi hoặc người mà một trường tham chiếu chỉ tới; tin tiếp thị không gửi cho người đã từ chối.',
  sendBulk: 'Gửi nội dung của bản ghi qua một kênh tới mọi người trong phân khúc đã chọn, theo tốc độ đặt trước, mỗi người một lần.',
  sendReply: 'Trả lời trong hội thoại qua kênh của nó (Messenger, Zalo) tới người đã nhắn.',
  withinHours: 'Thời điểm trong một trường chưa quá số giờ cho phép (trả lời trong khung 24 giờ của kênh).',
};

/** "fieldCompare" → "Compare a field" (or the name itself for plugins' entries). */
export function registryName(name: string, lang: Lang): string {
  return NAMES[name]?.[lang] ?? name;
}

export function registryDescription(name: string, description: string, lang: Lang): string {
  return lang === 'vi' ? (DESCRIPTIONS_VI[name] ?? description) : description;
}
