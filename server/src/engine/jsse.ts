// The JVM's TLS vocabulary (JSSE, OkHttp), shared by the Java and Kotlin detectors: their grammars
// differ, so each has its own detector, but the names they look for are one list.
import { LEGACY_DOTTED } from './protocols';

/** Protocol names JSSE accepts that enable a version below TLS 1.2 (`SSL` and `SSLv2Hello` included). */
export const JSSE_LEGACY_PROTOCOLS: readonly string[] = [...LEGACY_DOTTED, 'SSL', 'SSLv2Hello', 'DTLSv1.0'];

/** Whether a protocol name (as written in a string) enables a legacy version. */
export const isJsseLegacy = (p: string): boolean => JSSE_LEGACY_PROTOCOLS.includes(p.trim());

/** Setters that take the enabled protocol list (SSLSocket, SSLEngine, SSLParameters). */
export const PROTOCOL_SETTERS = ['setEnabledProtocols', 'setProtocols'];

/** System properties that hold a comma-separated protocol list. */
export const PROTOCOL_SYSTEM_PROPERTIES = ['https.protocols', 'jdk.tls.client.protocols', 'jdk.tls.server.protocols'];

/** Trust manager interfaces whose `checkServerTrusted` decides what is trusted. */
export const TRUST_MANAGERS = ['X509TrustManager', 'X509ExtendedTrustManager'];
