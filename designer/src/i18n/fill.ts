/**
 * A message with its `{name}` placeholders filled in; a placeholder without a value stays.
 * @example fill('Gửi qua {channel}', { channel: 'Zalo' }) // 'Gửi qua Zalo'
 */
export function fill(text: string, params?: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole));
}
