import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PLATFORM = path.resolve('server/src/platform');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports (static, dynamic, `declare module`, re-exports) of `file` that resolve outside `root`. */
export function importsOutside(file: string, source: string, root: string): string[] {
  const { importedFiles, ambientExternalModules } = ts.preProcessFile(source, true, true);
  const specifiers = [...importedFiles.map((imported) => imported.fileName), ...(ambientExternalModules ?? [])];
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = path.resolve(path.dirname(file), specifier);
      return target !== root && !target.startsWith(`${root}${path.sep}`);
    });
}

describe('platform is a leaf', () => {
  it('no file under server/src/platform imports anything outside it but packages', () => {
    const violations = sourceFiles(PLATFORM).flatMap((file) =>
      importsOutside(file, fs.readFileSync(file, 'utf8'), PLATFORM).map(
        (specifier) => `${path.relative(PLATFORM, file)} → ${specifier}`,
      ),
    );
    expect(violations).toEqual([]);
  });

  it('the check catches a feature import, a dynamic one and a re-export', () => {
    const file = path.join(PLATFORM, 'auth', 'example.ts');
    const source = [
      "import { Need } from '../../needs/need.entity.js';",
      "import type { Config } from '../config.js';",
      "export { User } from '../../people/user.entity.js';",
      "const lazy = () => import('../../app.js');",
      "import pg from 'pg';",
    ].join('\n');
    expect(importsOutside(file, source, PLATFORM)).toEqual([
      '../../needs/need.entity.js',
      '../../people/user.entity.js',
      '../../app.js',
    ]);
  });
});
