// The source of each program the page shows as code: a file served beside the page
// (src/public/programs/), fetched when shown; the browser's cache keeps it.
import type { ProgramFile } from '../wire/snippets';

export async function fetchProgram(file: ProgramFile): Promise<string> {
  // Vite's base: './' in the build, so the page finds its programs under any sub-path.
  const response = await fetch(`${import.meta.env.BASE_URL}programs/${file}`);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return response.text();
}
