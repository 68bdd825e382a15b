// The programs as the page shows them: each file of src/public/programs/ (what the page fetches),
// with the settings block put in by the page's own function.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSettings, type ProgramFile } from '../../src/wire/snippets';
import type { Variant } from './variants';

/** The programs that mint a key with the reader's own, then the sign-in for an app. */
export const MINT_FILES: ProgramFile[] = ['mint.ts', 'mint.py', 'mint.go', 'mint.sh'];
export const APP_FILES: ProgramFile[] = ['app.ts', 'app.py', 'app.go'];
export const PROGRAM_FILES: ProgramFile[] = [...MINT_FILES, ...APP_FILES];

// Vitest runs in the project's root (in the unit tests' browser-like environment, import.meta.url is no file URL).
const PROGRAMS_DIR = join(process.cwd(), 'src/public/programs');
const sources = new Map<ProgramFile, string>();

/** A program's file as served beside the page. */
export function source(file: ProgramFile): string {
  if (!sources.has(file)) sources.set(file, readFileSync(join(PROGRAMS_DIR, file), 'utf8'));
  return sources.get(file)!;
}

/** The program as the page shows it for `origin` and these settings; an app gets no attribution, as on the page. */
export const program = (file: ProgramFile, origin: string, { body, attribution }: Pick<Variant, 'body' | 'attribution'>): string =>
  withSettings(file, source(file), { origin, body, ...(file.startsWith('mint') && { attribution }) });

/** Every program for `origin` and these settings, by file. */
export const programs = (origin: string, variant: Pick<Variant, 'body' | 'attribution'>): Record<ProgramFile, string> =>
  Object.fromEntries(PROGRAM_FILES.map((file) => [file, program(file, origin, variant)])) as Record<ProgramFile, string>;
