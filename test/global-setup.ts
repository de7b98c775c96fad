import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildServerTemplate } from './template-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    serverTemplate: { url: string; name: string; runId: number } | null;
  }
}

/**
 * Migrates one template database per run; every test file then gets its own copy of it
 * (a PGlite loaded from the dumped folder, or CREATE DATABASE … TEMPLATE on a server).
 */
export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-test-'));
  const templatePath = path.join(dir, 'template.tar.gz');
  await fs.writeFile(templatePath, await buildPgliteTemplate());
  project.provide('pgliteTemplatePath', templatePath);

  const url = process.env.TEST_DATABASE_URL;
  const name = `tradeloop_tpl_${process.pid}`;
  if (url) {
    await buildServerTemplate(url, name);
    project.provide('serverTemplate', { url, name, runId: process.pid });
  } else {
    project.provide('serverTemplate', null);
  }

  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ datname: string }>(
          // Only this run's copies: another run (a colleague's, another terminal) may be using its own.
          `select datname from pg_database where datname like $1 or datname = $2`,
          [`tradeloop_t_${process.pid}_%`, name],
        );
        for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
      } finally {
        await admin.end();
      }
    }
  };
}
