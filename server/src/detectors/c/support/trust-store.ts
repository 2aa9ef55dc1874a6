// Where C and C++ code gives a TLS context certificates to verify against: one list, with the part
// that loads them into an OpenSSL `SSL_CTX` itself named apart.

/** Calls that give an OpenSSL `SSL_CTX` its trust store. */
export const SSL_CTX_TRUST_CALLS: readonly string[] = [
  'SSL_CTX_set_default_verify_paths',
  'SSL_CTX_load_verify_locations',
  'SSL_CTX_load_verify_file',
  'SSL_CTX_load_verify_dir',
  'SSL_CTX_load_verify_store',
  'SSL_CTX_set_cert_store',
];

/**
 * Calls that load a trust store anywhere: an `SSL_CTX`, an `X509_STORE` (attached to a context or not),
 * wolfSSL, mbed TLS and Boost.Asio's `ssl::context`.
 */
export const TRUST_STORE_CALLS: readonly string[] = [
  ...SSL_CTX_TRUST_CALLS,
  'X509_STORE_set_default_paths',
  'X509_STORE_load_locations',
  'wolfSSL_CTX_load_verify_locations',
  'wolfSSL_CTX_load_system_CA_certs',
  'mbedtls_ssl_conf_ca_chain',
  'set_default_verify_paths',
  'load_verify_file',
  'add_verify_path',
  'add_certificate_authority',
];
