import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Printable documents in Chinese (a unit's report, later certificates and 公示): A4 pages with a
 * title, headings, lines of text, label–value pairs and tables, in Noto Sans SC. A fresh server
 * has no CJK font, so the font comes from npm; pdfkit embeds only the characters used.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | null = null;

/** Read once per process (10 MB each): every document after the first starts at once. */
function cjkFonts(): Record<FontName, Buffer> {
  fonts ??= {
    regular: fs.readFileSync(require.resolve(FONT_FILES.regular)),
    bold: fs.readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fonts;
}

export type PdfCell = string | number | null | undefined;

export interface PdfTable {
  headers: readonly string[];
  rows: readonly (readonly PdfCell[])[];
  /** Relative widths of the columns (equal when omitted). */
  widths?: readonly number[];
  /** Shown instead of an empty table. */
  empty?: string;
}

/** What a document is written with; each call continues below the last, onto new pages as needed. */
export interface PdfWriter {
  title(text: string): void;
  heading(text: string): void;
  text(text: string): void;
  /** Label: value lines, e.g. the facts at the top of a report. */
  pairs(pairs: readonly (readonly [string, PdfCell])[]): void;
  table(table: PdfTable): void;
  /** A PNG or JPEG (a QR code, say) `size` points wide, on the right of the page at the current line. */
  image(data: Buffer, size: number): void;
}

const MARGIN = 50;
const CELL_PADDING = 4;
const cellText = (cell: PdfCell) => (cell === null || cell === undefined ? '' : String(cell));

/** Renders a document: `write` lays it out; the bytes of the finished PDF come back. */
export async function renderPdf(
  info: { title: string; author?: string },
  write: (pdf: PdfWriter) => void | Promise<void>,
): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  // Loaded on the first document, not with the server: pdfkit takes a noticeable part of a start.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // pdfkit reads every info value: an undefined one breaks it.
    info: { Title: info.title, ...(info.author ? { Author: info.author } : {}) },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const width = () => doc.page.width - 2 * MARGIN;

  const writer: PdfWriter = {
    title(text) {
      doc.font('bold').fontSize(18).text(text, { align: 'center' }).moveDown(0.8);
      doc.font('regular').fontSize(10);
    },
    heading(text) {
      doc.moveDown(0.6).font('bold').fontSize(13).text(text, MARGIN).moveDown(0.3);
      doc.font('regular').fontSize(10);
    },
    text(text) {
      doc.font('regular').fontSize(10).text(text, MARGIN, undefined, { width: width() });
    },
    pairs(pairs) {
      for (const [label, value] of pairs) {
        doc.font('bold').fontSize(10).text(`${label}：`, MARGIN, undefined, { continued: true });
        doc.font('regular').text(cellText(value));
      }
    },
    table({ headers, rows, widths, empty }) {
      if (rows.length === 0) {
        writer.text(empty ?? '');
        return;
      }
      const total = (widths ?? headers.map(() => 1)).reduce((sum, w) => sum + w, 0);
      const columnWidths = headers.map((_, i) => ((widths?.[i] ?? 1) / total) * width());
      // Drawn cell by cell: pdfkit's own table lays out every cell many times (seconds for a hundred rows).
      const drawRow = (cells: readonly string[], header: boolean) => {
        doc.font(header ? 'bold' : 'regular').fontSize(9);
        const heights = cells.map((cell, i) =>
          doc.heightOfString(cell, { width: columnWidths[i]! - 2 * CELL_PADDING }),
        );
        const height = Math.max(...heights) + 2 * CELL_PADDING;
        if (doc.y + height > doc.page.height - MARGIN) {
          doc.addPage();
          if (!header) drawRow(headers, true);
        }
        const top = doc.y;
        let x = MARGIN;
        cells.forEach((cell, i) => {
          const cellWidth = columnWidths[i]!;
          if (header) doc.rect(x, top, cellWidth, height).fill('#eeeeee').fillColor('black');
          doc.rect(x, top, cellWidth, height).lineWidth(0.5).stroke('#999999');
          doc.text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: cellWidth - 2 * CELL_PADDING });
          x += cellWidth;
        });
        doc.x = MARGIN;
        doc.y = top + height;
      };
      drawRow(headers, true);
      for (const row of rows) drawRow(row.map(cellText), false);
      doc.font('regular').fontSize(10).moveDown(0.5);
    },
    image(data, size) {
      // Beside the text that follows, not below it: the y stays where it was.
      doc.image(data, doc.page.width - MARGIN - size, doc.y, { width: size });
      doc.x = MARGIN;
    },
  };
  await write(writer);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
