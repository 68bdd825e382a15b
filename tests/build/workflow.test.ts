// The GitHub Pages workflow, read by GitHub's own parser (@actions/workflow-parser), offline: it
// parses and converts without an error, pins every action to its current major version, and
// deploys only what passed `npm test`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../../.github/workflows/pages.yml', import.meta.url));

/** The current major of each action the workflow uses, as of December 2026; update with the workflow. */
const CURRENT_MAJORS: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/configure-pages': 'v6',
  'actions/upload-pages-artifact': 'v5',
  'actions/deploy-pages': 'v5',
};

async function load() {
  const content = await readFile(file, 'utf8');
  const parsed = parseWorkflow({ name: '.github/workflows/pages.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  return { errors: [...errors, ...(template?.errors ?? []).map((e) => e.Message)], template };
}

describe('the GitHub Pages workflow', () => {
  it('parses and converts with no error', async () => {
    const { errors, template } = await load();
    expect(errors).toEqual([]);
    expect(template?.jobs.map((job) => job.id.value)).toEqual(['build', 'deploy']);
  });

  it('pins every action to its current major', async () => {
    const { template } = await load();
    const uses = template!.jobs.flatMap((job) => ('steps' in job ? job.steps : [])).flatMap((step) => ('uses' in step ? [step.uses.value] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const [name, version] = use.split('@');
      expect(CURRENT_MAJORS[name!], `${use}: an action the table does not know`).toBeDefined();
      expect(version, name).toBe(CURRENT_MAJORS[name!]);
    }
  });

  it('runs npm ci and npm test before it builds, and deploys only after the build job', async () => {
    const { template } = await load();
    const [build, deploy] = template!.jobs;
    const runs = build && 'steps' in build ? build.steps.flatMap((step) => ('run' in step ? [step.run.toString().trim()] : [])) : [];
    const at = (command: string) => runs.findIndex((run) => run === command);
    expect(at('npm ci')).toBeGreaterThanOrEqual(0);
    expect(at('npm test')).toBeGreaterThan(at('npm ci'));
    expect(at('npm run build')).toBeGreaterThan(at('npm test'));
    expect(deploy && 'needs' in deploy ? deploy.needs?.map((n) => n.value) : undefined).toEqual(['build']);
  });
});
