import type { Node } from 'web-tree-sitter';
import { callArgs, nameOf, removeStatementEdit, stringValue, valueOf } from '../../engine/languages/python';
import { INSECURE_ENV_NAMES, insecureEnv, type InsecureEnv } from '../../engine/tls-env';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** requests before 2.28 read an empty CURL_CA_BUNDLE as `verify=''`, which is false: no verification (psf/requests#6071). */
function insecure(name: string, value: string): InsecureEnv | undefined {
  if (name === 'CURL_CA_BUNDLE')
    return value === '' ? { reason: 'requests before 2.28 then skips certificate verification' } : undefined;
  return insecureEnv(name, value);
}

interface State {
  value: Node;
  secureValue?: string | undefined;
  stmt?: Node | undefined;
}

function isEnviron(file: SourceFile, node: Node | null | undefined): boolean {
  return nameOf(file, node, 'reaching') === 'os.environ';
}

/** The statement a node is the whole expression of, for removal. */
function statementOf(node: Node): Node | undefined {
  const p = node.parent;
  return p?.type === 'expression_statement' && p.namedChildren.length === 1 ? p : undefined;
}

export const detector = defineDetector<State>({
  id: 'python.environ-verify-disabled',
  summary: 'Environment variables that turn certificate verification off, set from Python.',
  docs: `
    Environment variables that turn certificate verification off, set from Python: \`os.environ[...] =\`,
    \`setdefault\`, \`update\`, \`os.putenv\`, pytest's \`monkeypatch.setenv\` and \`env=\` dictionaries handed to
    subprocesses (PYTHONHTTPSVERIFY=0, CURL_CA_BUNDLE='' for requests before 2.28, NODE_TLS_REJECT_UNAUTHORIZED=0...).
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['os.environ', 'os.putenv', 'os.environ.setdefault', 'os.environ.update', 'subprocess.run(env=...)'],
  tokens: [...INSECURE_ENV_NAMES, 'CURL_CA_BUNDLE'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const check = (nameNode: Node | undefined, valueNode: Node | undefined, at: Node, stmt: Node | undefined) => {
      if (!nameNode || !valueNode) return;
      const name = nameNode.type === 'identifier' ? nameNode.text : stringValue(file, nameNode);
      const value = stringValue(file, valueNode);
      if (name === undefined || value === undefined) return;
      const bad = insecure(name, value);
      if (!bad) return;
      const shown = value === '' ? "''" : `'${value}'`;
      report({
        node: at,
        message: `Setting \`${name}\` to ${shown}: ${bad.reason}.`,
        state: { value: valueOf(file, valueNode) ?? valueNode, secureValue: bad.secureValue, stmt },
      });
    };
    const checkDict = (dict: Node | undefined) => {
      const d = valueOf(file, dict);
      if (d?.type !== 'dictionary') return;
      for (const pair of d.namedChildren) {
        if (pair?.type === 'pair')
          check(
            pair.childForFieldName('key') ?? undefined,
            pair.childForFieldName('value') ?? undefined,
            pair,
            undefined,
          );
      }
    };
    // os.environ["X"] = "0"
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      if (left?.type !== 'subscript' || !isEnviron(file, left.childForFieldName('value'))) continue;
      const stmt = asg.parent?.type === 'expression_statement' ? asg.parent : undefined;
      check(left.childForFieldName('subscript') ?? undefined, asg.childForFieldName('right') ?? undefined, asg, stmt);
    }
    for (const call of file.nodes('call')) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      const args = callArgs(call);
      if (!['setdefault', 'putenv', 'setenv', 'update'].includes(method ?? '') && !args.keywords.has('env')) continue;
      const name = nameOf(file, call.childForFieldName('function'), 'reaching');
      if (
        name === 'os.environ.setdefault' ||
        name === 'os.putenv' ||
        (method === 'setenv' && /monkeypatch/i.test(fn?.childForFieldName('object')?.text ?? ''))
      ) {
        check(args.positional[0], args.positional[1], call, statementOf(call));
      } else if (name === 'os.environ.update') {
        checkDict(args.positional[0]);
        for (const [, kw] of args.keywords)
          check(kw.childForFieldName('name') ?? undefined, kw.childForFieldName('value') ?? undefined, kw, undefined);
      }
      // env={...} handed to a subprocess (or anything else that takes an environment).
      const env = args.keywords.get('env')?.childForFieldName('value');
      if (env) checkDict(env);
    }
  },
  fix(file, r) {
    const { value, secureValue, stmt } = r.state;
    if (secureValue !== undefined && value.type === 'string') {
      const content = value.namedChildren.find((c) => c?.type === 'string_content');
      const start = content ? content.startIndex : value.startIndex + value.text.search(/["']/) + 1;
      const end = content ? content.endIndex : start;
      return {
        title: `Keep verification on (\`${secureValue}\`)`,
        safety: 'safe',
        edits: [{ start, end, newText: secureValue }],
      };
    }
    const edit = stmt ? removeStatementEdit(file, stmt) : undefined;
    return edit ? { title: 'Remove this setting', safety: 'unsafe', edits: [edit] } : undefined;
  },
  examples: {
    python: {
      bad: `
        import os
        os.environ["PYTHONHTTPSVERIFY"] = "0"
      `,
      good: `
        import os
        os.environ["PYTHONHTTPSVERIFY"] = "1"
      `,
    },
  },
});
