// The analytics endpoints: filled in as the module moves onto the contract.
export const analyticsEndpoints = {};
