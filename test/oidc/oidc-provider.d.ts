// oidc-provider ships no type declarations; the test harness uses it untyped.
declare module "oidc-provider";
