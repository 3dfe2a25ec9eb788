import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";

/** The portal's public address from site.yaml (https://<domain>), for feeds, the sitemap and canonical URLs. */
export function siteUrl(root: string): string | undefined {
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  return portal ? `https://${portal.site.domain}` : undefined;
}
