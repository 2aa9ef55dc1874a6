// Infrastructure-as-code options that set the lowest TLS version a managed endpoint accepts (AWS CDK,
// Pulumi, CDKTF), shared by every language that writes them: the option's name, the legacy values it can
// take, and the same family's TLS 1.2 value.

/** Option name (camelCase, as JavaScript and the CDK's JSON write it) -> its legacy values (string or enum member). */
export const CLOUD_TLS_LEGACY: Readonly<Record<string, RegExp>> = {
  securityPolicy: /^(TLS_1_0|TLS_1_1)$/,
  tlsSecurityPolicy: /^(TLS_1_0|TLS_1_1|Policy-Min-TLS-1-0-2019-07|Policy-Min-TLS-1-1-2019-07)$/,
  minimumProtocolVersion: /^(SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016|SSL_V3|TLS_V1_2016|TLS_V1_1_2016)$/,
  sslPolicy:
    /^(TLS10|TLS11|LEGACY|ELBSecurityPolicy-2016-08|ELBSecurityPolicy-2015-05|ELBSecurityPolicy-TLS-1-0-2015-04|ELBSecurityPolicy-TLS-1-1-2017-01|ELBSecurityPolicy-FS-2018-06|ELBSecurityPolicy-FS-1-1-2019-08)$/,
  minimumTlsVersion: /^(TLS1_0|TLS1_1|TLS_1_0|TLS_1_1|1\.0|1\.1)$/,
  minTlsVersion: /^(TLS1_0|TLS1_1|TLS_1_0|TLS_1_1|1\.0|1\.1)$/,
};

/** The option's camelCase name for its snake_case spelling (Python CDK and Pulumi: `tls_security_policy`). */
export function cloudTlsOption(name: string): string | undefined {
  const camel = name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return Object.hasOwn(CLOUD_TLS_LEGACY, camel) ? camel : undefined;
}

/** The TLS 1.2 spelling in the same family, for values where that is a rename. */
export function cloudTlsUpgrade(value: string): string | undefined {
  if (/^TLS_1_[01]$/.test(value)) return 'TLS_1_2';
  if (/^TLS1_[01]$/.test(value)) return 'TLS1_2';
  if (/^1\.[01]$/.test(value)) return '1.2';
  if (/^Policy-Min-TLS-1-[01]-2019-07$/.test(value)) return 'Policy-Min-TLS-1-2-2019-07';
  if (/^(TLSv1|TLSv1_2016|TLSv1\.1_2016|SSLv3)$/.test(value)) return 'TLSv1.2_2021';
  if (/^(SSL_V3|TLS_V1_2016|TLS_V1_1_2016)$/.test(value)) return 'TLS_V1_2_2021';
  if (/^TLS1[01]$/.test(value)) return 'TLS12';
  return undefined;
}

/**
 * Infrastructure-as-code constructs whose endpoint accepts TLS 1.0 when the policy option is omitted
 * (the AWS CDK's documented defaults): the module (as its last path segment, `aws-opensearchservice`), the
 * classes, and the path of camelCase options that sets the policy.
 */
export const CLOUD_TLS_DEFAULTS: readonly { module: string; classes: readonly string[]; option: readonly string[] }[] =
  [
    { module: 'aws-opensearchservice', classes: ['Domain'], option: ['tlsSecurityPolicy'] },
    { module: 'aws-opensearchservice', classes: ['CfnDomain'], option: ['domainEndpointOptions', 'tlsSecurityPolicy'] },
    { module: 'aws-elasticsearch', classes: ['Domain'], option: ['tlsSecurityPolicy'] },
    { module: 'aws-elasticsearch', classes: ['CfnDomain'], option: ['domainEndpointOptions', 'tlsSecurityPolicy'] },
    { module: 'aws-apigateway', classes: ['CfnDomainName'], option: ['securityPolicy'] },
  ];

/** The default that applies to `Class` of a module named `module` (a path or dotted name; `_` reads as `-`). */
export function cloudTlsDefault(
  module: string,
  cls: string,
): { module: string; classes: readonly string[]; option: readonly string[] } | undefined {
  const last = module.split(/[/.]/).pop()?.replace(/_/g, '-');
  return CLOUD_TLS_DEFAULTS.find((d) => d.module === last && d.classes.includes(cls));
}
