import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  nameOf,
  removeStatementEdit,
  stringValue,
  unvendoredName,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** The start of the message urllib3 gives for an unverified HTTPS request (filters match it with re.I). */
const SAMPLE_MESSAGE =
  "Unverified HTTPS request is being made to host 'example.com'. Adding certificate verification is strongly advised.";
/** urllib3 warning classes whose filter covers InsecureRequestWarning (it derives from them). */
const COVERING = [
  'urllib3.exceptions.InsecureRequestWarning',
  'urllib3.exceptions.SecurityWarning',
  'urllib3.exceptions.HTTPWarning',
];

/** Whether a warning category expression covers InsecureRequestWarning; `Warning` too when `builtinWarning`. */
function coversInsecureRequest(file: SourceFile, node: Node, builtinWarning: boolean): boolean {
  const resolved = valueOf(file, node) ?? node;
  const name = unvendoredName(nameOf(file, resolved, 'reaching')) ?? resolved.text;
  if (/(?:^|\.)InsecureRequestWarning$/.test(name) || COVERING.includes(name)) return true;
  return (
    builtinWarning &&
    resolved.type === 'identifier' &&
    resolved.text === 'Warning' &&
    !nameOf(file, resolved, 'reaching')
  );
}

/**
 * Whether running a pattern taken from the linted code could backtrack for minutes (a hostile
 * `message='(.*a){12}x'` did): a quantified group, a backreference, or more than four quantifiers.
 */
function mayBacktrack(pattern: string): boolean {
  return pattern.length > 500 || /\)[*+?{]|\\[1-9]/.test(pattern) || (pattern.match(/[*+?{]/g) ?? []).length > 4;
}

/** The literal text a pattern starts with (up to its first metacharacter). */
function literalPrefix(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length && /[^\w]/.test(pattern[i + 1])) out += pattern[++i];
    else if ('\\^$.|?*+()[]{}'.includes(c)) break;
    else out += c;
  }
  return out;
}

/** Whether a `warnings` message pattern matches urllib3's InsecureRequestWarning message. */
function matchesMessage(pattern: string): boolean {
  if (!pattern) return false;
  const byPrefix = () => {
    const prefix = literalPrefix(pattern).toLowerCase();
    return prefix.length > 0 && SAMPLE_MESSAGE.toLowerCase().startsWith(prefix);
  };
  // The pattern is workspace content: never run one that could hang the linter; its literal start decides.
  if (mayBacktrack(pattern)) return byPrefix();
  try {
    return new RegExp(`^(?:${pattern})`, 'i').test(SAMPLE_MESSAGE);
  } catch {
    return SAMPLE_MESSAGE.toLowerCase().startsWith(pattern.toLowerCase());
  }
}

function arg(args: ReturnType<typeof callArgs>, index: number, name: string): Node | undefined {
  return args.keywords.get(name)?.childForFieldName('value') ?? args.positional[index] ?? undefined;
}

export const detector = defineDetector({
  id: 'python.urllib3-disable-warnings',
  summary:
    "Silencing urllib3's InsecureRequestWarning (`urllib3.disable_warnings`, requests' vendored copy, or a `warnings` filter on that category or its message), which hides unverified HTTPS requests.",
  docs: `
    Silencing urllib3's InsecureRequestWarning (\`urllib3.disable_warnings\`, requests' vendored copy,
    or a \`warnings\` filter on that category or its message), which hides unverified HTTPS requests.
  `,
  rule: 'insecure-warning-suppressed',
  languages: ['python'],
  apis: [
    'urllib3.disable_warnings',
    'requests.packages.urllib3.disable_warnings',
    'warnings.filterwarnings',
    'warnings.simplefilter',
  ],
  tokens: ['disable_warnings', 'InsecureRequestWarning', 'Unverified HTTPS', 'SecurityWarning', 'HTTPWarning'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const fn = call.childForFieldName('function');
      const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (last !== 'disable_warnings' && last !== 'filterwarnings' && last !== 'simplefilter') continue;
      const name = unvendoredName(nameOf(file, call.childForFieldName('function'), 'reaching'));
      if (!name) continue;
      const args = callArgs(call);
      if (name === 'urllib3.disable_warnings') {
        const category = arg(args, 0, 'category');
        if (!category) {
          if (args.hasSplat) continue;
          report({
            node: call,
            message:
              '`urllib3.disable_warnings()` silences every urllib3 warning, InsecureRequestWarning included: unverified HTTPS requests go unnoticed.',
          });
        } else if (coversInsecureRequest(file, category, true)) {
          report({
            node: call,
            message: `\`urllib3.disable_warnings(${category.text})\` silences InsecureRequestWarning: unverified HTTPS requests go unnoticed.`,
          });
        }
      } else if (name === 'warnings.filterwarnings' || name === 'warnings.simplefilter') {
        const action = arg(args, 0, 'action');
        if (!action || stringValue(file, action) !== 'ignore') continue;
        const category = name === 'warnings.simplefilter' ? arg(args, 1, 'category') : arg(args, 2, 'category');
        const message = name === 'warnings.filterwarnings' ? arg(args, 1, 'message') : undefined;
        const byMessage = message ? matchesMessage(stringValue(file, message) ?? '') : false;
        if ((category && coversInsecureRequest(file, category, false)) || byMessage) {
          report({
            node: call,
            message: `\`${name}("ignore", ...)\` silences urllib3's InsecureRequestWarning: unverified HTTPS requests go unnoticed.`,
          });
        }
      }
    }
  },
  fix(file, r) {
    const call = r.node!;
    const stmt = call.parent;
    if (stmt?.type !== 'expression_statement' || stmt.namedChildren.length !== 1) return undefined;
    const edit = removeStatementEdit(file, stmt);
    return edit ? { title: 'Let the warning show (remove this call)', safety: 'safe', edits: [edit] } : undefined;
  },
  examples: {
    python: {
      bad: `
        import urllib3
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
      `,
      good: `
        import urllib3
        urllib3.disable_warnings(urllib3.exceptions.SystemTimeWarning)
      `,
    },
  },
});
