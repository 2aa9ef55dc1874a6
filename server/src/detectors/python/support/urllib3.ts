// urllib3 pools and managers (directly or through requests' vendored copy and HTTPAdapter methods).
import type { Node } from 'web-tree-sitter';
import { callArgs, matchesApi, nameOf, unvendoredName, valueOf } from '../../../engine/languages/python';
import type { SourceFile } from '../../../engine/types';

/** urllib3 constructors and helpers that take `cert_reqs` (after `unvendoredName`). */
const URLLIB3_POOL_APIS = [
  'urllib3.PoolManager',
  'urllib3.poolmanager.PoolManager',
  'urllib3.ProxyManager',
  'urllib3.poolmanager.ProxyManager',
  'urllib3.proxy_from_url',
  'urllib3.poolmanager.proxy_from_url',
  'urllib3.HTTPSConnectionPool',
  'urllib3.connectionpool.HTTPSConnectionPool',
  'urllib3.connection_from_url',
  'urllib3.connectionpool.connection_from_url',
  'urllib3.connection.HTTPSConnection',
  'urllib3.connection.VerifiedHTTPSConnection',
  'urllib3.contrib.socks.SOCKSProxyManager',
  'urllib3.util.ssl_wrap_socket',
  'urllib3.util.ssl_.ssl_wrap_socket',
  'urllib3.util.create_urllib3_context',
  'urllib3.util.ssl_.create_urllib3_context',
];
/** The pool constructors a detector that reads their keywords lists on its page (`apis`). */
export const URLLIB3_POOL_DOC_APIS = [
  'urllib3.PoolManager',
  'urllib3.ProxyManager',
  'urllib3.HTTPSConnectionPool',
  'urllib3.connection_from_url',
];
/** Methods of requests' HTTPAdapter (and urllib3 managers) that forward pool keywords; any receiver. */
const POOL_METHODS = ['init_poolmanager', 'proxy_manager_for', 'connection_from_host', 'connection_from_url'];

/** Whether a call is a urllib3 pool constructor or a method that forwards pool keywords; its display name. */
export function urllib3PoolCall(file: SourceFile, call: Node): string | undefined {
  const name = unvendoredName(nameOf(file, call.childForFieldName('function'), 'reaching'));
  if (name && matchesApi(name, URLLIB3_POOL_APIS)) return name;
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  return method && POOL_METHODS.includes(method) ? method : undefined;
}

/** Whether a urllib3 call pins the certificate by fingerprint, which replaces chain and name checks. */
export function pinsFingerprint(file: SourceFile, call: Node): boolean {
  const fp = callArgs(call).keywords.get('assert_fingerprint')?.childForFieldName('value');
  return !!fp && valueOf(file, fp)?.type !== 'none';
}
