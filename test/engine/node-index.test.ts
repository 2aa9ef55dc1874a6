// The node index (engine/node-index.ts) gives, for every type asked, exactly the nodes a query `(type)`
// captures: whether it fetched them with a walk or a query, in the first fill or for a type asked later,
// and for type names a walk would confuse with an anonymous token of the same spelling.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { Query, type Node, type Tree } from 'web-tree-sitter';
import { NodeIndex, NodeTypeMemory } from '../../server/src/engine/node-index';
import { Deadline, parse, type Grammars } from '../../server/src/engine/parser';
import type { GrammarName } from '../../server/src/engine/languages';
import { warmUpSamples } from '../../server/src/engine/warm-up';
import { getGrammars, ROOT } from '../helpers';

const spans = (nodes: Node[]) => nodes.map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);

/** What a query captures for one type, in document order. */
function captured(tree: Tree, type: string): string[] {
  const q = new Query(tree.language, `(${type}) @x`);
  try {
    return spans(q.captures(tree.rootNode).map((c) => c.node));
  } finally {
    q.delete();
  }
}

function treeOf(grammars: Grammars, grammar: GrammarName, text: string): Tree {
  const tree = parse(grammars.get(grammar)!, text, undefined, Deadline.NONE);
  assert.ok(tree);
  return tree;
}

/** Asks the index for each group of types in turn and compares every answer with a query's. */
function agrees(tree: Tree, groups: string[][], memory = new NodeTypeMemory()): void {
  const index = new NodeIndex(tree, Deadline.NONE, memory);
  for (const group of groups) {
    const got = index.nodes(group);
    const want = group.flatMap((t) => captured(tree, t));
    assert.deepEqual(spans(got).sort(), [...want].sort(), `types ${group.join(', ')}: the index and a query disagree`);
    assert.ok(got.length > 0, `types ${group.join(', ')}: the sample has such nodes`);
  }
}

describe('node index', () => {
  it('gives what a query captures, for types asked first and types asked after the fill (Python)', async () => {
    const grammars = await getGrammars();
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'python', 'ssl-verify-mode.py'), 'utf8');
    const tree = treeOf(grammars, 'python', `${text}\nf = lambda x: [y for y in x]\n`);
    try {
      // `lambda` is also the keyword's (anonymous) name: a walk would take the keyword too.
      agrees(tree, [['call'], ['assignment', 'block'], ['call', 'assignment'], ['lambda'], ['call']]);
      // A second index of the same tree with what the memory learned: one fill of every learned type.
      const memory = new NodeTypeMemory();
      agrees(tree, [['call', 'lambda']], memory);
      agrees(tree, [['block'], ['lambda'], ['call']], memory);
      memory.dispose();
    } finally {
      tree.delete();
    }
  });

  it('tells named types from anonymous tokens of the same spelling (TypeScript)', async () => {
    const grammars = await getGrammars();
    const text = 'class A { s: string = "x"; }\nconst o: object = { a: 1 };\nimport * as m from "m";\n';
    const tree = treeOf(grammars, 'typescript', text);
    try {
      agrees(tree, [['class_declaration'], ['string'], ['class_declaration', 'string'], ['pair']]);
    } finally {
      tree.delete();
    }
  });

  it("warm-up samples are the detectors' examples of the language, bad and good", () => {
    const samples = warmUpSamples('python');
    assert.ok(samples.length >= 20, `${samples.length} samples`);
    assert.ok(samples.some((s) => s.includes('verify=False')));
    assert.deepEqual(warmUpSamples('dotenv').length % 2, 0);
  });
});
