// The dashboards endpoints: filled in as the module moves onto the contract.
export const dashboardEndpoints = {};
