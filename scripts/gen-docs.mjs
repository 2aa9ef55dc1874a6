// Placeholder until the docs generator lands: accepts --check.
