import type { Node } from 'web-tree-sitter';
import {
  callArguments,
  constantOf,
  literalString,
  memberProperty,
  qualifiedName,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** Whether this file sets NODE_TLS_REJECT_UNAUTHORIZED to '0' anywhere (an assignment or an env object member). */
function disablesVerification(file: SourceFile): boolean {
  return file.memo('javascript.sets-node-tls-0', () => {
    for (const asg of file.nodes('assignment_expression')) {
      const left = unwrap(asg.childForFieldName('left'));
      if (!left) continue;
      if (memberProperty(left) !== NAME) continue;
      const v = constantOf(file, asg.childForFieldName('right'));
      if (v && (stringValue(file, v) === '0' || (v.type === 'number' && Number(v.text) === 0))) return true;
    }
    return file.nodes('pair').some((p) => /NODE_TLS_REJECT_UNAUTHORIZED['"]?\s*:\s*['"`]?0['"`]?$/.test(p.text));
  });
}

/** Whether a function's source mentions the NODE_TLS_REJECT_UNAUTHORIZED warning in a string. */
function filtersTlsWarning(fn: Node): boolean {
  return fn
    .descendantsOfType(['string_fragment'])
    .some((s) => !!s && (s.text.includes(NAME) || /TLS connections .*insecure/i.test(s.text)));
}

export const detector = defineDetector({
  id: 'javascript.node-tls-warning-suppressed',
  summary: `Silencing Node's "NODE_TLS_REJECT_UNAUTHORIZED ..`,
  docs: `
    Silencing Node's "NODE_TLS_REJECT_UNAUTHORIZED ... makes TLS connections insecure" warning: replacing
    \`process.emitWarning\` with a filter for it, or dropping every \`warning\` listener in a file that turns
    verification off that way.
  `,
  rule: 'insecure-warning-suppressed',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['process.emitWarning', "process.removeAllListeners('warning')"],
  tokens: [NAME],
  fixAvailability: 'none',
  detect(file, report) {
    for (const asg of file.nodes('assignment_expression')) {
      const left = unwrap(asg.childForFieldName('left'));
      const right = unwrap(asg.childForFieldName('right'));
      if (!left || !right || qualifiedName(file, left) !== 'process.emitWarning') continue;
      const fn = ['arrow_function', 'function_expression', 'function'].includes(right.type) ? right : undefined;
      if (
        (fn && filtersTlsWarning(fn)) ||
        (!fn && disablesVerification(file)) ||
        (fn && !fn.text.includes('call(') && !fn.text.includes('apply(') && disablesVerification(file))
      ) {
        report({
          node: asg,
          message:
            '`process.emitWarning` is replaced so the warning that TLS verification is off (`NODE_TLS_REJECT_UNAUTHORIZED`) is never shown.',
        });
      }
    }
    if (!disablesVerification(file)) return;
    for (const call of file.nodes('call_expression')) {
      const name = qualifiedName(file, call.childForFieldName('function'));
      if (name !== 'process.removeAllListeners' && name !== 'process.off' && name !== 'process.removeListener')
        continue;
      if (literalString(callArguments(call)[0]) !== 'warning') continue;
      report({
        node: call,
        message: `\`${name}('warning')\` hides the warning Node prints because \`${NAME}\` turns TLS verification off.`,
      });
    }
  },
  examples: {
    javascript: {
      bad: `
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
        process.removeAllListeners('warning');
      `,
      good: `
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
        process.removeAllListeners('warning');
      `,
    },
  },
});
