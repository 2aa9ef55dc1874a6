import type { Node } from 'web-tree-sitter';
import {
  callArguments,
  constantOf,
  isRemovableStatement,
  objectLiteralOf,
  objectMembers,
  memberName,
  memberValue,
  qualifiedName,
  removeListItemRange,
  removeStatementRange,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import { propertyWrite } from './support/properties';
import type { SourceFile } from '../../engine/types';

const NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';

type State = { kind: 'assignment'; node: Node; value: Node } | { kind: 'member'; node: Node };

/** Node turns verification off only for the exact string '0'; a number 0 becomes '0' in process.env. */
function disables(file: SourceFile, value: Node | null | undefined): boolean {
  const v = constantOf(file, value);
  if (!v) return false;
  if (v.type === 'number') return Number(v.text) === 0 && !v.text.includes('.');
  return stringValue(file, v) === '0';
}

function quoteOf(value: Node): string {
  const v = unwrap(value);
  return v && (v.type === 'string' || v.type === 'template_string') ? v.text[0] : "'";
}

export const detector = defineDetector<State>({
  id: 'javascript.node-tls-reject-unauthorized-env',
  summary: "`NODE_TLS_REJECT_UNAUTHORIZED` set to '0' from code.",
  docs: `
    \`NODE_TLS_REJECT_UNAUTHORIZED\` set to '0' from code: \`process.env.X = '0'\`, \`process.env['X'] = 0\`,
    \`Object.assign(process.env, { X: '0' })\`, or an \`env: { X: '0' }\` handed to a child process.
    Comparisons (\`process.env.X !== '0'\`) are reads, not writes, and are left alone.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'process.env.NODE_TLS_REJECT_UNAUTHORIZED',
    'Object.assign(process.env)',
    'Object.defineProperty(process.env)',
    'Reflect.set(process.env)',
    'child_process.spawn({ env })',
  ],
  tokens: [NAME],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of file.nodes('assignment_expression', 'augmented_assignment_expression')) {
      // `??=` and `||=` set the variable when it is unset, which is when it would have verified.
      if (
        asg.type === 'augmented_assignment_expression' &&
        !['??=', '||='].includes(asg.childForFieldName('operator')?.text ?? '')
      )
        continue;
      const write = propertyWrite(file, asg, NAME);
      if (!write || !disables(file, write.right)) continue;
      const { left, right } = write;
      const owner = qualifiedName(file, left.childForFieldName('object'));
      const where = owner === 'process.env' ? 'process.env' : 'an environment';
      report({
        node: asg,
        message: `Setting \`${NAME}\` to '0' in ${where} turns off certificate verification for every TLS connection of the process.`,
        state: { kind: 'assignment', node: asg, value: right },
      });
    }
    // Reflection: `Object.defineProperty(process.env, NAME, { value: '0' })`, `Reflect.set(process.env, NAME, '0')`.
    for (const call of file.nodes('call_expression')) {
      const callee = qualifiedName(file, call.childForFieldName('function'));
      if (callee !== 'Object.defineProperty' && callee !== 'Reflect.set') continue;
      const [, key, third] = callArguments(call);
      if (!third || stringValue(file, key) !== NAME) continue;
      const value =
        callee === 'Reflect.set'
          ? third
          : objectLiteralOf(file, third) &&
            objectMembers(file, objectLiteralOf(file, third)!)
              .find((m) => memberName(m) === 'value')
              ?.childForFieldName('value');
      if (!value || !disables(file, value)) continue;
      report({
        node: call,
        message: `\`${callee}\` sets \`${NAME}\` to '0': certificate verification is off for every TLS connection of the process.`,
        state: { kind: 'assignment', node: call, value },
      });
    }
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object' || memberName(member) !== NAME || !disables(file, memberValue(member)))
        continue;
      report({
        node: member,
        message: `\`${NAME}: '0'\` in an environment object turns off certificate verification for the process that gets it.`,
        state: { kind: 'member', node: member },
      });
    }
  },
  fix(file, r) {
    const s = r.state;
    const title = `Remove the \`${NAME}\` override`;
    if (s.kind === 'member') {
      return { title, safety: 'safe', edits: [{ ...removeListItemRange(file, s.node), newText: '' }] };
    }
    const stmt = s.node.parent;
    if (
      stmt?.type === 'expression_statement' &&
      unwrap(stmt.namedChildren[0])?.startIndex === s.node.startIndex &&
      isRemovableStatement(stmt)
    ) {
      return { title, safety: 'safe', edits: [{ ...removeStatementRange(file, stmt), newText: '' }] };
    }
    // Not a statement of its own (an `if` body, part of an expression): setting '1' keeps the code's
    // shape but overrides what the environment says, which deserves a look.
    const q = quoteOf(s.value);
    return {
      title: `Set \`${NAME}\` to '1' (verify certificates)`,
      safety: 'unsafe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: `${q}1${q}` }],
    };
  },
  examples: {
    javascript: {
      bad: `
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      `,
      good: `
        if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS verification is off');
      `,
    },
  },
});
