// Environment variables that turn TLS verification off, wherever they are set (shell, Dockerfile, .env,
// YAML env blocks, Python os.environ, JavaScript process.env).

export interface InsecureEnv {
  /** Why the value is insecure. */
  reason: string;
  /** A value that keeps the variable but restores verification, when one exists. */
  secureValue?: string;
}

/** Whether setting `name` to `value` disables certificate verification. */
export function insecureEnv(name: string, value: string | undefined): InsecureEnv | undefined {
  const v = (value ?? '').trim().replace(/^["']|["']$/g, '');
  switch (name) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      // Node treats exactly '0' as "do not reject".
      return v === '0'
        ? { reason: 'Node.js then accepts any TLS certificate in this process', secureValue: '1' }
        : undefined;
    case 'PYTHONHTTPSVERIFY':
      return v === '0'
        ? { reason: "Python's urllib and http.client then skip certificate verification", secureValue: '1' }
        : undefined;
    case 'GIT_SSL_NO_VERIFY':
      // Git only checks that the variable is set.
      return value !== undefined ? { reason: 'git then skips certificate verification for HTTPS remotes' } : undefined;
    case 'NPM_CONFIG_STRICT_SSL':
    case 'npm_config_strict_ssl':
    case 'YARN_STRICT_SSL':
      return /^(false|0|no)$/i.test(v)
        ? { reason: 'npm then accepts any registry certificate', secureValue: 'true' }
        : undefined;
    case 'PIP_TRUSTED_HOST':
      return v !== ''
        ? { reason: 'pip then skips certificate checks (and allows plain HTTP) for these hosts' }
        : undefined;
    case 'CONDA_SSL_VERIFY':
      return /^(false|0|no)$/i.test(v)
        ? { reason: 'conda then skips certificate verification', secureValue: 'true' }
        : undefined;
    case 'LDAPTLS_REQCERT':
      // OpenLDAP's libldap (ldapsearch, python-ldap, PHP's ldap_*): `never` and `allow` accept a bad certificate.
      return /^(never|allow)$/i.test(v)
        ? { reason: 'OpenLDAP clients then accept any LDAP server certificate', secureValue: 'demand' }
        : undefined;
    default:
      return undefined;
  }
}

export const INSECURE_ENV_NAMES = [
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'PYTHONHTTPSVERIFY',
  'GIT_SSL_NO_VERIFY',
  'NPM_CONFIG_STRICT_SSL',
  'npm_config_strict_ssl',
  'YARN_STRICT_SSL',
  'PIP_TRUSTED_HOST',
  'CONDA_SSL_VERIFY',
  'LDAPTLS_REQCERT',
];
