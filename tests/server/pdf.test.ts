import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../server/src/platform/pdf.js';

async function textOf(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe('platform/pdf', () => {
  it('writes Chinese titles, pairs and tables that read back as text', async () => {
    const bytes = await renderPdf({ title: '共建报告' }, (pdf) => {
      pdf.title('驻区单位共建情况报告');
      pdf.pairs([
        ['单位', '幸福街道第一小学'],
        ['报告期', null],
      ]);
      pdf.heading('认领与兑现');
      pdf.table({ headers: ['认领对象', '状态'], rows: [['楼道灯维修', '已兑现']], widths: [3, 1] });
      pdf.table({ headers: ['诉求'], rows: [], empty: '无' });
    });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(bytes);
    for (const words of [
      '驻区单位共建情况报告',
      '幸福街道第一小学',
      '认领与兑现',
      '认领对象',
      '楼道灯维修',
      '已兑现',
      '无',
    ]) {
      expect(text).toContain(words);
    }
  });

  it('runs onto further pages when a table is long', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`第${i + 1}行`, i]);
    const bytes = await renderPdf({ title: '长表' }, (pdf) => pdf.table({ headers: ['内容', '数'], rows }));
    const document = await getDocumentProxy(new Uint8Array(bytes));
    expect(document.numPages).toBeGreaterThan(1);
    expect(await textOf(bytes)).toContain('第120行');
  });
});
