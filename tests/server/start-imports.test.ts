import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Libraries a start does not need, loaded where they are used (a spreadsheet, a PDF, Redis when
 * REDIS_URL is set, S3 when S3_BUCKET is set): together they were about a third of what a start loaded.
 */
const LOADED_WHEN_USED = ['exceljs', 'pdfkit', 'ioredis', '@graphql-yoga/redis-event-target', '@aws-sdk/client-s3'];

/** Module specifiers `source` imports when it is loaded: not `import type`, not `import()`. */
export function staticImports(source: string): string[] {
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.ES2024);
  return file.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const onlyTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      return onlyTypes ? [] : [(statement.moduleSpecifier as ts.StringLiteral).text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      return [(statement.moduleSpecifier as ts.StringLiteral).text];
    }
    return [];
  });
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every package the server's start loads: its modules' static imports, followed from `entry`. */
function packagesLoadedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(fs.readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(packageOf(specifier));
    }
  };
  visit(entry);
  return packages;
}

describe('what a start loads', () => {
  it('the app leaves the libraries only some requests need to the first such request', () => {
    const loaded = packagesLoadedFrom(path.resolve('server/src/app.ts'));
    expect(loaded).toContain('@mikro-orm/postgresql');
    expect(LOADED_WHEN_USED.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('the check sees static imports and re-exports, not type-only or dynamic ones', () => {
    const source = [
      "import ExcelJS from 'exceljs';",
      "import type PDFDocument from 'pdfkit';",
      "import { type Redis } from 'ioredis';",
      "import { pino, type Logger } from 'pino';",
      "import 'reflect-metadata';",
      "export { thing } from './thing.js';",
      "export type { Other } from './other.js';",
      "const lazy = () => import('@aws-sdk/client-s3');",
    ].join('\n');
    expect(staticImports(source)).toEqual(['exceljs', 'pino', 'reflect-metadata', './thing.js']);
  });
});
