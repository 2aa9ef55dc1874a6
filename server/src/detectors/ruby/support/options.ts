// Where Ruby code gives a TLS option a value, for the detectors that read options by name: `key: v` in a
// hash or call, `obj.key = v`, and `opts[:key] = v` on a hash built up before it is handed over. And the
// values such a use may receive: the branches of a ternary, through a local assigned once before.
import type { Node } from 'web-tree-sitter';
import { localValue, pairKey, symbolName } from '../../../engine/languages/ruby';
import type { SourceFile } from '../../../engine/types';

export interface OptionUse {
  option: string;
  value: Node;
  /** What to report: the pair or the assignment. */
  at: Node;
  /** How the code writes the option (`verify_hostname:`, `ctx.verify_hostname =`, `opts[:ssl_verifyhost] =`). */
  written: string;
}

/** Every option the file sets, read once. */
function allOptionUses(file: SourceFile): OptionUse[] {
  return file.memo('ruby.optionUses', () => {
    const out: OptionUse[] = [];
    for (const pair of file.nodes('pair')) {
      const key = pairKey(pair);
      const value = pair.childForFieldName('value');
      if (key && value) out.push({ option: key, value, at: pair, written: `${key}:` });
    }
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const value = asg.childForFieldName('right');
      if (!left || !value) continue;
      if (left.type === 'call') {
        const method = left.childForFieldName('method')?.text;
        if (method) out.push({ option: method, value, at: asg, written: `${left.text} =` });
      } else if (left.type === 'element_reference') {
        const key = symbolName(left.namedChildren[1]);
        if (key) out.push({ option: key, value, at: asg, written: `${left.text} =` });
      }
    }
    return out;
  });
}

/** The uses of the given option names. */
export function optionUses(file: SourceFile, options: readonly string[]): OptionUse[] {
  return allOptionUses(file).filter((u) => options.includes(u.option));
}

/** RSpec's `let(:name) { value }` / `let!(:name) do value end` in the file: name to the block's one value. */
function rspecLets(file: SourceFile): Map<string, Node[]> {
  return file.memo('ruby.rspecLets', () => {
    const out = new Map<string, Node[]>();
    if (!/\blet!?\s*\(/.test(file.text)) return out;
    for (const call of file.nodes('call')) {
      const method = call.childForFieldName('method')?.text;
      if ((method !== 'let' && method !== 'let!') || call.childForFieldName('receiver')) continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const name = args.length === 1 ? symbolName(args[0]) : undefined;
      const body = call.childForFieldName('block')?.childForFieldName('body');
      const stmts = body?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
      if (!name || stmts.length !== 1) continue;
      out.set(name, [...(out.get(name) ?? []), stmts[0]]);
    }
    return out;
  });
}

/**
 * The values an RSpec `let` gives a bare name read in a spec (`verify_peer: verify_peer` where a context
 * says `let(:verify_peer) { false }`): one per `let` of that name, or undefined when the name is a local
 * or no `let` defines it.
 */
function letValues(file: SourceFile, node: Node): Node[] | undefined {
  if (node.type !== 'identifier' || localValue(file, node)) return undefined;
  const values = rspecLets(file).get(node.text);
  return values?.length ? values : undefined;
}

/**
 * The values an option use may receive, and where to report each: the value itself at the option, or
 * the branches of a ternary (`verify ? 2 : 0`), directly or in a local assigned once before
 * (`host = verify ? 2 : 0; opts[:ssl_verifyhost] = host`), at the branch, so its condition reads as intent.
 */
export function optionValues(file: SourceFile, use: OptionUse): { value: Node; at: Node; let?: boolean }[] {
  const lets = letValues(file, use.value);
  if (lets) return lets.map((value) => ({ value, at: value, let: true }));
  const source = localValue(file, use.value) ?? use.value;
  const branches = (n: Node): Node[] => {
    if (n.type === 'parenthesized_statements' && n.namedChildCount === 1) return branches(n.namedChildren[0]);
    if (n.type !== 'conditional') return [n];
    return [n.childForFieldName('consequence'), n.childForFieldName('alternative')]
      .filter((b): b is Node => !!b)
      .flatMap(branches);
  };
  return branches(source).map((value) => ({ value, at: value.id === use.value.id ? use.at : value }));
}
