// One pass over a tree for every node type a file's detectors ask for. Each `descendantsOfType` walk
// visits the whole tree in wasm; a Python file's detectors and model asked for four or five kinds of
// node, so a lint walked the tree that many times. Here one query captures all the types a language's
// detectors have asked for so far, and every later request for those types is a filter in JavaScript.
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';

/**
 * Types so numerous (most of a tree's nodes) that fetching them for every file would cost more than
 * the walks it saves: a request that names one gets a walk of its own, as before.
 */
const HEAVY = new Set([
  'identifier',
  'property_identifier',
  'shorthand_property_identifier',
  'type_identifier',
  'field_identifier',
  'name',
  'constant',
  'attribute',
  'field_access',
  'navigation_expression',
  'member_access_expression',
  'scoped_identifier',
  'qualified_identifier',
  'qualified_name',
  'scope_resolution',
]);

interface Learned {
  types: Set<string>;
  /** The query over `types`, compiled once per set of types (undefined: the query would not compile). */
  query?: { types: string; query: Query | undefined };
}

/** Per grammar, the node types asked for so far. Results never depend on it; only speed does. */
const learned = new Map<Language, Learned>();

/** Types a grammar does not have: a query naming one would not compile, so they are walked alone. */
function knownType(language: Language, type: string): boolean {
  return language.idForNodeType(type, true) !== null;
}

function queryFor(language: Language, l: Learned): Query | undefined {
  const types = [...l.types].sort().join(' ');
  if (l.query?.types !== types) {
    let query: Query | undefined;
    try {
      query = new Query(language, [...l.types].map((t) => `(${t}) @${t}`).join('\n'));
    } catch {
      query = undefined;
    }
    l.query?.query?.delete();
    l.query = { types, query };
  }
  return l.query.query;
}

/** Document order, as `descendantsOfType` gives it: by start, an enclosing node before what it holds. */
function byPosition(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex;
}

/** The captures of one query over a whole tree, bucketed by node type. */
export class NodeIndex {
  private buckets: Map<string, Node[]> | undefined;

  constructor(private readonly tree: Tree) {}

  /** All nodes of the given types, in document order. */
  nodes(types: readonly string[]): Node[] {
    const language = this.tree.language;
    if (types.some((t) => HEAVY.has(t) || !knownType(language, t))) return this.tree.rootNode.descendantsOfType([...types]);
    let l = learned.get(language);
    if (!l) learned.set(language, (l = { types: new Set() }));
    for (const t of types) l.types.add(t);
    if (!this.buckets || types.some((t) => !this.buckets!.has(t))) this.fill(language, l);
    const buckets = this.buckets;
    if (!buckets) return this.tree.rootNode.descendantsOfType([...types]);
    if (types.length === 1) return buckets.get(types[0]) ?? [];
    return types.flatMap((t) => buckets.get(t) ?? []).sort(byPosition);
  }

  private fill(language: Language, l: Learned): void {
    const query = queryFor(language, l);
    if (!query) {
      this.buckets = undefined;
      return;
    }
    const buckets = new Map<string, Node[]>([...l.types].map((t) => [t, []]));
    for (const c of query.captures(this.tree.rootNode)) buckets.get(c.name)?.push(c.node);
    for (const list of buckets.values()) list.sort(byPosition);
    this.buckets = buckets;
  }
}
