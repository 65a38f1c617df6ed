// Filled in by the analytics work; exported from the package index.
export {};
