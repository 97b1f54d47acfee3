export { assertPortFree, findFreePort, httpGet, pollUntil } from "./net";
export { createService, type Service, type ServiceSpec } from "./processes";
export {
  createPrometheus,
  prometheusConfig,
  startSinglePrometheus,
  type ScrapeJob,
  type SinglePrometheus,
  type SinglePrometheusOptions,
} from "./prometheus";
export { backfillRange, KNATIVE_JOB, type KnativeMetricSet } from "./knative";
export {
  FEDERATE_MATCH,
  KNATIVE_METRIC_SETS,
  federatedClusters,
  LEAVES,
  REPO_ROOT,
  stackPortsFromBase,
  startStack,
  type Leaf,
  type Stack,
  type StackOptions,
  type StackPorts,
  type StackServer,
  type StackUrls,
} from "./start-stack";
export {
  CHROMIUM_REQUIREMENT,
  chromiumPath,
  ensureNodeModules,
  ensureSystemPackages,
  findExecutable,
  POSTGRES_REQUIREMENT,
  postgresBinDir,
  PROMETHEUS_REQUIREMENT,
  REDIS_REQUIREMENT,
} from "./system-deps";
export { type AppDatasource, stackDatasources, writeAppConfig } from "./app-config";
export {
  downDatasourcePort,
  E2E_APP_CONFIG,
  E2E_SECRET_TOKEN,
  expectedTestStackUrls,
  stackUrlsFromEnv,
  stackUrlsToEnv,
  testStackDir,
  TEST_URL_ENV,
  testPortBase,
  testStackPorts,
  writeE2eAppConfig,
  e2eBaseUrl,
} from "./test-env";
