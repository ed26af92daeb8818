/** The reports pages' messages in both languages. */
const en = {
  'nav.reports': 'Reports',
  title: 'Reports',
  intro: 'Figures computed from the records you may see.',
  period: 'Period',
  'period.this-month': 'This month',
  'period.this-quarter': 'This quarter',
  'period.this-year': 'This year',
  'period.last-12-months': 'Last 12 months',
  'period.all': 'All time',
  person: 'Person',
  everyone: 'Everyone',
  table: 'Table',
  chart: 'Chart',
  csv: 'Download CSV',
  empty: 'No figures yet for what is chosen.',
  none: 'No reports for your role yet.',
  noTier: 'No tier',
  total: 'Total',
  loadFailed: 'Could not load: {message}',
};

const vi: Record<keyof typeof en, string> = {
  'nav.reports': 'Báo cáo',
  title: 'Báo cáo',
  intro: 'Số liệu tính từ các hồ sơ anh/chị được xem.',
  period: 'Kỳ',
  'period.this-month': 'Tháng này',
  'period.this-quarter': 'Quý này',
  'period.this-year': 'Năm nay',
  'period.last-12-months': '12 tháng gần nhất',
  'period.all': 'Toàn bộ',
  person: 'Nhân viên',
  everyone: 'Tất cả',
  table: 'Bảng',
  chart: 'Biểu đồ',
  csv: 'Tải CSV',
  empty: 'Chưa có số liệu cho lựa chọn này.',
  none: 'Chưa có báo cáo nào cho vai trò của anh/chị.',
  noTier: 'Chưa xếp hạng',
  total: 'Tổng',
  loadFailed: 'Không tải được: {message}',
};

export type ReportKey = keyof typeof en;
export const reportMessages = { en, vi };
