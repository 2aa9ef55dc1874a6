// Placeholder entry so the bundle builds; the CLI lives here.
export {};
