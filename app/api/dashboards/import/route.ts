import { authorize } from "@/lib/auth/session";
import { describePrincipal } from "@/lib/auth/policy";
import { convertImport, MAX_IMPORT_BYTES, readImportRequest } from "@/lib/dashboards/import/http";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import { listProvisionedImportFiles } from "@/lib/dashboards/repository/provisioned-files";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Ctx = RouteContext<"/api/dashboards/import">;

const NO_STORE = { "cache-control": "no-store" };

/** The JSON files of the provisioned folder the Import page offers (editors: importing is an editor feature). */
export async function GET(req: Request, _ctx: Ctx): Promise<Response> {
  try {
    await authorize(req, "dashboards:write");
    return Response.json({ files: await listProvisionedImportFiles(MAX_IMPORT_BYTES) }, { headers: NO_STORE });
  } catch (err) {
    return errorResponse(err, req);
  }
}

/**
 * Converts a Grafana dashboard (JSON body `{dashboard | provisionedFile, datasourceMap?, save?}` or a
 * multipart upload `file`) and answers `{dashboard, report, datasourceRefs, format}`; saves nothing
 * unless `save` is true, then creates it like POST /api/dashboards (201, 409 when the uid is taken).
 */
export async function POST(req: Request, _ctx: Ctx): Promise<Response> {
  // Not route(): that wrapper allows JSON bodies only, and this one takes file uploads too.
  try {
    const principal = await authorize(req, "dashboards:write", { allowMultipart: true });
    const { document, datasourceMap, save } = await readImportRequest(req);
    const converted = convertImport(document, datasourceMap);
    if (!save) return Response.json(converted, { headers: NO_STORE });
    const saved = await getDashboardRepository().create(converted.dashboard, { user: describePrincipal(principal), message: "imported" });
    return Response.json({ ...converted, ...saved }, { status: 201, headers: { ...NO_STORE, location: `/api/dashboards/${saved.dashboard.uid}` } });
  } catch (err) {
    return errorResponse(err, req);
  }
}
