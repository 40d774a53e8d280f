import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILDS,
  decide,
  fingerprintInputs,
  fingerprintOutputs,
  newStamp,
  type Build,
  type Stamp,
} from '../../scripts/start.js';

// `npm start` rebuilds only what changed: these pin down when it may skip a build.

const APP: Build = {
  name: 'app',
  script: 'build:app',
  inputs: () => ['app', 'app/generated/settings.json', 'shared.txt'],
  skip: ['app/generated'],
  output: 'dist',
};

let root: string;

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

/** What `npm start` would decide now, given the stamp it wrote after the last build. */
function decisionNow(stamp: Stamp | null) {
  return decide(stamp, fingerprintInputs(root, APP), fingerprintOutputs(root, APP));
}

/** As after a successful build: the output written, then the stamp of the inputs and the output. */
function build(): Stamp {
  write('dist/app.js', `built from ${fs.readFileSync(path.join(root, 'app/main.ts'), 'utf8')}`);
  return newStamp(fingerprintInputs(root, APP), fingerprintOutputs(root, APP));
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-start-'));
  write('app/main.ts', 'main');
  write('app/lib/util.ts', 'util');
  write('app/generated/messages.js', 'generated');
  write('app/generated/settings.json', '{}');
  write('shared.txt', 'shared');
  write('unrelated.txt', 'unrelated');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm start: build or not', () => {
  it('builds when there is no stamp of an earlier build', () => {
    expect(decisionNow(null)).toEqual({ build: true, reason: 'no earlier build by npm start' });
  });

  it('skips a build whose inputs and output are as the stamp left them', () => {
    expect(decisionNow(build())).toEqual({ build: false });
  });

  it('skips when a file is written again with the same content (a checkout there and back)', () => {
    const stamp = build();
    write('app/main.ts', 'main');
    expect(decisionNow(stamp)).toEqual({ build: false });
  });

  it('builds when an input file changed, and names it', () => {
    const stamp = build();
    write('app/lib/util.ts', 'util, changed');
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/lib/util.ts' });
  });

  it('builds when an input file outside the main folder changed', () => {
    const stamp = build();
    write('shared.txt', 'shared, changed');
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: shared.txt' });
  });

  it('builds when an input file was deleted', () => {
    const stamp = build();
    fs.rmSync(path.join(root, 'app/lib/util.ts'));
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/lib/util.ts' });
  });

  it('builds when an input file was added', () => {
    const stamp = build();
    write('app/lib/new.ts', 'new');
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/lib/new.ts' });
  });

  it('builds when an input file was renamed, naming both names', () => {
    const stamp = build();
    fs.renameSync(path.join(root, 'app/lib/util.ts'), path.join(root, 'app/lib/helpers.ts'));
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/lib/helpers.ts, app/lib/util.ts' });
  });

  it('counts many changed files without listing them all', () => {
    const stamp = build();
    for (const name of ['a', 'b', 'c', 'd', 'e']) write(`app/${name}.ts`, name);
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/a.ts, app/b.ts, app/c.ts and 2 more' });
  });

  it('ignores what the build generates and files outside its inputs', () => {
    const stamp = build();
    write('app/generated/messages.js', 'generated again');
    write('unrelated.txt', 'unrelated, changed');
    expect(decisionNow(stamp)).toEqual({ build: false });
  });

  it('still reads an input listed outright inside a skipped folder', () => {
    const stamp = build();
    write('app/generated/settings.json', '{"changed":true}');
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'changed: app/generated/settings.json' });
  });

  it('builds when the output was deleted', () => {
    const stamp = build();
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'its output was changed or deleted since' });
  });

  it('builds when something else rebuilt the output since (npm run build on another branch)', () => {
    const stamp = build();
    write('dist/app.js', 'built from another branch');
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'its output was changed or deleted since' });
  });

  it('builds when the stamp was written by another Node or another version of the rules', () => {
    const stamp = { ...build(), version: '0 v1.0.0' };
    expect(decisionNow(stamp)).toEqual({ build: true, reason: 'built by another Node or start script' });
  });
});

describe("the project's builds read what they are built from", () => {
  const repository = path.resolve(import.meta.dirname, '../..');
  const filesOf = (name: string) =>
    Object.keys(
      fingerprintInputs(
        repository,
        BUILDS.find((b) => b.name === name)!,
      ),
    );

  it('the web app: its sources, messages, the schema and the server modules it imports; not what it generates', () => {
    const files = filesOf('web');
    expect(files).toEqual(
      expect.arrayContaining([
        'web/vite.config.ts',
        'web/src/app.html',
        'web/messages/zh-CN/app.json',
        'web/project.inlang/settings.json',
        'schema/schema.graphql',
        'server/src/needs/needs.limits.ts',
        'server/src/platform/error-codes.ts',
        'package-lock.json',
      ]),
    );
    const generated = ['web/build/', 'web/.svelte-kit/', 'web/src/lib/paraglide/', 'web/project.inlang/cache/'];
    expect(files.filter((file) => generated.some((folder) => file.startsWith(folder)))).toEqual([]);
    expect(files).not.toContain('web/src/graphql-env.d.ts');
    expect(files.filter((file) => file.startsWith('server/') && !/\.limits\.ts$|error-codes\.ts$/.test(file))).toEqual(
      [],
    );
  });

  it('the server: all of server/src and its compiler settings, nothing of the web app', () => {
    const files = filesOf('server');
    expect(files).toEqual(expect.arrayContaining(['server/src/main.ts', 'server/.swcrc', 'package.json']));
    expect(files.filter((file) => file.startsWith('web/') || file.startsWith('server/dist/'))).toEqual([]);
  });
});
