// Shared by the Java and Kotlin trust-manager and host-name-verifier detectors: how an instance of a
// class that trusts everything, defined here or in another file, is reported where it is handed to TLS.
import type { Node } from 'web-tree-sitter';
import { trustUses, writtenAs, type TrustKind } from '../../../engine/jvm-trust';
import type { RelatedLocation } from '../../../engine/types';

/** What the class's method does, by kind: the end of the message. */
const DOES: Record<TrustKind, (cls: string) => string> = {
  'trusts-any-chain': (cls) => `trusts every certificate: \`${cls}.checkServerTrusted\` accepts any chain.`,
  'accepts-any-host': (cls) => `accepts any host name: \`${cls}.verify\` returns true.`,
};

/** Each place an instance of a `kind` class is handed to TLS, with the class's method as related location. */
export function trustUseReports(
  file: Parameters<typeof trustUses>[0],
  kind: TrustKind,
): { node: Node; message: string; related: RelatedLocation[] }[] {
  return trustUses(file, kind).map((use) => ({
    node: use.node,
    message: `\`${writtenAs(use.node)}\` given to \`${use.sink}\` ${DOES[kind](use.cls.name)}`,
    related: [use.cls.related],
  }));
}
