// The Java grammar's side of the shared client-option checks (client-options.ts).
import type { Node } from 'web-tree-sitter';
import { invocation } from '../../../engine/languages/java';
import type { SourceFile } from '../../../engine/types';
import type { OptionCall, OptionValues } from './client-options';

const isNone = (n: Node | null | undefined): boolean => n?.type === 'null_literal' || n?.text === '""';

/** `flag ? "" : "HTTPS"` (parenthesised or not): the condition, when exactly one branch is "none". */
function noneUnder(value: Node | undefined): Node | undefined {
  if (value?.type === 'parenthesized_expression' && value.namedChildren[0]) return noneUnder(value.namedChildren[0]);
  if (value?.type !== 'ternary_expression') return undefined;
  const yes = value.childForFieldName('consequence');
  const no = value.childForFieldName('alternative');
  return isNone(yes) !== isNone(no) ? (value.childForFieldName('condition') ?? undefined) : undefined;
}

export const JAVA_OPTION_VALUES: OptionValues = {
  isBool: (n, value) => n?.type === String(value),
  isNone,
  noneUnder,
  mailSetters: false,
};

/** Every method call of the file, read for the client-option checks. */
export function javaOptionCalls(file: SourceFile): OptionCall[] {
  return file.memo('java.optionCalls', () =>
    file.nodes('method_invocation').map((call) => {
      const { name, object, args } = invocation(call);
      const start = call.childForFieldName('name')?.startIndex ?? call.startIndex;
      return { name, args, receiver: object, range: { start, end: call.endIndex } };
    }),
  );
}
