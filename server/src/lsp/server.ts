// Placeholder entry so the bundle builds; the language server lives here.
export {};
