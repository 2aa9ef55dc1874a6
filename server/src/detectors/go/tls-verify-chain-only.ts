import { defineDetector } from '../../engine/detector';
import { skipVerifySites } from './support/skip-verify';

export const detector = defineDetector({
  id: 'go.tls-verify-chain-only',
  summary: 'crypto/tls: verification skipped and put back for the chain only, not the host name.',
  docs: `
    crypto/tls: \`InsecureSkipVerify: true\` with a \`VerifyPeerCertificate\`/\`VerifyConnection\` callback that
    hands the chain to \`x509.Certificate.Verify\` with no \`DNSName\` in its \`x509.VerifyOptions\` (libpq's
    verify-ca): the chain is checked, the host name is not, so any certificate the CA issued is accepted.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['go'],
  apis: [
    'crypto/tls.Config.InsecureSkipVerify',
    'crypto/tls.Config.VerifyPeerCertificate',
    'crypto/x509.VerifyOptions',
  ],
  tokens: ['InsecureSkipVerify'],
  alsoTokens: ['Verify'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const site of skipVerifySites(file)) {
      if (site.custom !== 'chain') continue;
      const where = site.receiver === undefined ? '`tls.Config`' : `\`${site.receiver}\``;
      report({
        node: site.node,
        message: `${where} skips verification and its custom callback verifies the chain with \`x509.VerifyOptions\` that set no \`DNSName\`: the server's host name is not checked.`,
        flag: site.flag,
      });
    }
  },
  examples: {
    go: {
      bad: `
        package main

        import (
        \t"crypto/tls"
        \t"crypto/x509"
        )

        func config(roots *x509.CertPool) *tls.Config {
        \treturn &tls.Config{
        \t\tInsecureSkipVerify: true,
        \t\tVerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
        \t\t\tleaf, err := x509.ParseCertificate(raw[0])
        \t\t\tif err != nil {
        \t\t\t\treturn err
        \t\t\t}
        \t\t\t_, err = leaf.Verify(x509.VerifyOptions{Roots: roots})
        \t\t\treturn err
        \t\t},
        \t}
        }
      `,
      good: `
        package main

        import (
        \t"crypto/tls"
        \t"crypto/x509"
        )

        func config(roots *x509.CertPool, host string) *tls.Config {
        \treturn &tls.Config{
        \t\tInsecureSkipVerify: true,
        \t\tVerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
        \t\t\tleaf, err := x509.ParseCertificate(raw[0])
        \t\t\tif err != nil {
        \t\t\t\treturn err
        \t\t\t}
        \t\t\t_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: host})
        \t\t\treturn err
        \t\t},
        \t}
        }
      `,
    },
  },
});
