import { ConfigError, getConfig } from "@/lib/config";

// A bad configuration stops start-up with a message naming the field, rather than failing later per request.
try {
  const config = getConfig();
  console.log(`orrery: ${config.datasources.length} datasource(s): ${config.datasources.map((d) => d.id).join(", ") || "none"}`);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`orrery: ${e.message}`);
  process.exit(1);
}
