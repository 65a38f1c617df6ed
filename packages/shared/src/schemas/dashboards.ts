// Filled in by the dashboards work; exported from the package index.
export {};
