import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

/**
 * exceljs, loaded by the first spreadsheet rather than with the server: it is a large part of
 * what a start loads. Synchronous (a CommonJS require), so streaming writers stay synchronous.
 */
export function excelJS(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}
