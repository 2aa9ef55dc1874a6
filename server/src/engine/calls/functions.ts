// The top-level functions a call site may name, read alike in every language engine/calls knows.
import type { Node } from 'web-tree-sitter';

/**
 * A file's top-level functions with parameters, by name; a name defined twice is left out (which one a
 * call reaches is not known). `definition` gives the function a top-level statement defines, if any.
 */
export function functionsWithParameters(
  root: Node,
  definition: (statement: Node) => Node | null | undefined,
): Map<string, Node> {
  const out = new Map<string, Node>();
  const twice = new Set<string>();
  for (const statement of root.namedChildren) {
    const def = statement ? definition(statement) : undefined;
    if (!def) continue;
    const name = def.childForFieldName('name')?.text;
    if (!name) continue;
    if (out.has(name)) twice.add(name);
    if (def.childForFieldName('parameters')?.namedChildren.length) out.set(name, def);
  }
  for (const n of twice) out.delete(n);
  return out;
}
