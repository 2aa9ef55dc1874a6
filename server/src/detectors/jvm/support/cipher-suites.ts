// Shared by the Java and Kotlin cipher-suites detectors: what an enabled-suites list is reported as.
import type { Node } from 'web-tree-sitter';
import { classifyCipherSuite, suiteProblem } from '../../../engine/ciphers';

/**
 * Each element of a list given to `api` (`setEnabledCipherSuites`, `enabledCipherSuites`) that names a
 * weak or insecure suite, with its message; `suiteOf` is how the grammar reads an element's suite name.
 */
export function weakSuiteElements(
  api: string,
  elements: readonly Node[],
  suiteOf: (element: Node) => string | undefined,
): { node: Node; message: string }[] {
  const out: { node: Node; message: string }[] = [];
  for (const node of elements) {
    const suite = suiteOf(node);
    const verdict = suite ? classifyCipherSuite(suite) : 'ok';
    if (!suite || verdict === 'ok') continue;
    const kind = verdict === 'insecure' ? 'an insecure suite' : 'a weak suite';
    out.push({ node, message: `\`${api}\` enables ${kind}, \`${suite}\`: ${suiteProblem(suite)}.` });
  }
  return out;
}
