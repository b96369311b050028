import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { buildIsCurrent, sourceHash, writeStamp } from './build-stamp';

let root: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** As `next build` leaves it, then the stamp `npm run demo` writes after it. */
function built(id = 'build-1') {
  write('.next/BUILD_ID', id);
  writeStamp(root, sourceHash(root));
}

const current = () => buildIsCurrent(root, sourceHash(root));

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-build-stamp-'));
  write('app/page.tsx', 'export default function Page() {}');
  write('lib/dates.ts', 'export const a = 1;');
  write('lib/dates.test.ts', 'test');
  write('public/icon.svg', '<svg/>');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('next.config.js', 'export default {}');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the demo build stamp', () => {
  test('no build, or a build without a stamp, is not current', () => {
    assert.equal(current(), false);
    write('.next/BUILD_ID', 'build-1');
    assert.equal(current(), false);
  });

  test('a stamped build is current until a source file changes, and again once it is put back', () => {
    built();
    assert.equal(current(), true);
    write('lib/dates.ts', 'export const a = 2;');
    assert.equal(current(), false);
    write('lib/dates.ts', 'export const a = 1;');
    assert.equal(current(), true);
  });

  test('an added, removed or renamed file, a config file, the lock file: each needs a build', () => {
    built();
    const changes: [string, () => void, () => void][] = [
      ['added', () => write('components/Chart.tsx', 'x'), () => fs.rmSync(path.join(root, 'components'), { recursive: true })],
      ['removed', () => fs.rmSync(path.join(root, 'public/icon.svg')), () => write('public/icon.svg', '<svg/>')],
      ['renamed', () => fs.renameSync(path.join(root, 'lib/dates.ts'), path.join(root, 'lib/days.ts')), () => fs.renameSync(path.join(root, 'lib/days.ts'), path.join(root, 'lib/dates.ts'))],
      ['config', () => write('next.config.js', 'export default { poweredByHeader: false }'), () => write('next.config.js', 'export default {}')],
      ['lock file', () => write('package-lock.json', '{"lockfileVersion":3,"x":1}'), () => write('package-lock.json', '{"lockfileVersion":3}')],
      ['new folder', () => write('server/env.ts', 'x'), () => fs.rmSync(path.join(root, 'server'), { recursive: true })],
    ];
    for (const [what, change, undo] of changes) {
      change();
      assert.equal(current(), false, what);
      undo();
      assert.equal(current(), true, `${what}, undone`);
    }
  });

  test('tests, other folders and the build output do not count', () => {
    built();
    write('lib/dates.test.ts', 'changed test');
    write('e2e/a.spec.ts', 'x');
    write('README.md', 'x');
    write('.next/cache/x', 'x');
    write('node_modules/x/index.js', 'x');
    write('.data/pglite/x', 'x');
    assert.equal(current(), true);
  });

  test('another build made since (by hand, from other sources) is not trusted', () => {
    built('build-1');
    write('.next/BUILD_ID', 'build-2');
    assert.equal(current(), false);
    fs.rmSync(path.join(root, '.next'), { recursive: true });
    assert.equal(current(), false);
  });

  test('a damaged stamp counts as no stamp', () => {
    built();
    write('.next/source-stamp.json', '{not json');
    assert.equal(current(), false);
  });
});
