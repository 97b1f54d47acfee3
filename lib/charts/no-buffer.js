// Stands in for the `buffer` package in browser bundles (next.config.js turbopack.resolveAlias):
// zrender only checks `typeof Buffer` and then uses btoa. A client module that really needs Buffer
// fails loudly here (calling undefined) instead of shipping the polyfill silently.
export const Buffer = undefined;
export default { Buffer };
