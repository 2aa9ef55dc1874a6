// Where the rule pages (docs/rules/<id>.md) are on this machine. They ship inside the extension and the
// npm package, next to dist/, so links to them work offline; there is no hosted copy to link to.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ALL_RULES, cweUrl } from '../rules';
import { UNUSED_SUPPRESSION } from '../engine/types';

const DOCUMENTED = new Set<string>([...ALL_RULES.map((r) => r.id), UNUSED_SUPPRESSION]);

let cached: string | null | undefined;

/**
 * The folder holding the rule pages: `docs/rules` beside the bundle's folder (dist/ in the extension and
 * the npm package), or up the tree from the compiled sources (out/server/src/host in tests).
 */
export function ruleDocsDir(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(path.join(candidate, 'README.md'))) {
      cached = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached ?? undefined;
}

/** Whether `id` has a rule page (every concept rule and unused-suppression). */
export function isDocumentedRule(id: string): boolean {
  return DOCUMENTED.has(id);
}

/** The absolute path of a rule's page, when the rule is known and its page is installed. */
export function ruleDocPath(id: string): string | undefined {
  if (!isDocumentedRule(id)) return undefined;
  const dir = ruleDocsDir();
  const file = dir && path.join(dir, `${id}.md`);
  return file && fs.existsSync(file) ? file : undefined;
}

/**
 * The link for a rule: the `file:` URI of its installed page; the CWE page when the page is not
 * installed (a partial copy of the package); undefined for an unknown id.
 */
export function ruleDocUri(id: string): string | undefined {
  const file = ruleDocPath(id);
  return file ? pathToFileURL(file).href : cweUrl(id);
}
