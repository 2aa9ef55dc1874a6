// Placeholder entry so the bundle builds; the VS Code client lives here.
export function activate(): void {}
export function deactivate(): void {}
