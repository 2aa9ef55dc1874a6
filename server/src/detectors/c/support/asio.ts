// Boost.Asio's SSL context methods (`boost::asio::ssl::context::tlsv12_client`), for the C++ detectors
// that judge the method a context is built with.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../../engine/types';

/**
 * Each outermost `…::context::<method>` of asio's `ssl` namespace: written with `ssl::`, or in a file that
 * includes or names `asio/ssl` (`using namespace boost::asio::ssl; context::tlsv1`). `method` is its last name.
 */
export function asioContextMethods(file: SourceFile): { node: Node; method: string }[] {
  const out: { node: Node; method: string }[] = [];
  for (const q of file.nodes('qualified_identifier')) {
    if (q.parent?.type === 'qualified_identifier') continue;
    const parts = q.text.replace(/\s+/g, '').split('::');
    if (parts[parts.length - 2] !== 'context') continue;
    if (!(parts.includes('ssl') || file.memo('c.usesAsioSsl', () => /asio[/:]+ssl/.test(file.text)))) continue;
    out.push({ node: q, method: parts[parts.length - 1] });
  }
  return out;
}
