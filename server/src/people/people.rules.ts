/** 赵桂兰 → 赵**: the first character, so a worker's list still reads, and no more. */
export function maskName(name: string): string {
  return `${Array.from(name.trim())[0] ?? ''}**`;
}

/** 13800000001 → 138****0001 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
