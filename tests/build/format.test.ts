// The formatter's check: every file Prettier knows how to format is formatted (`npm run format` fixes it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The project's files: tracked ones and new ones not ignored by git. */
const projectFiles = () =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && existsSync(`${root}/${file}`));

describe('formatting', () => {
  it('has every file as Prettier writes it', async () => {
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of projectFiles()) {
      const path = `${root}/${file}`;
      const info = await prettier.getFileInfo(path, { ignorePath: `${root}/.prettierignore` });
      if (info.ignored || !info.inferredParser) continue;
      const options = await prettier.resolveConfig(path);
      checked++;
      if (!(await prettier.check(await readFile(path, 'utf8'), { ...options, filepath: path }))) unformatted.push(file);
    }
    expect(checked).toBeGreaterThan(50);
    expect(unformatted).toEqual([]);
  });
});
