import { fileTypeFromBuffer } from "file-type";
import type { FetchedUpload } from "../submissions/submission-article.ts";

/**
 * Files dropped into an issue form, fetched from GitHub's attachment store
 * with the job's token (a private repository's attachments need it). Only
 * addresses read-submission.ts accepted as GitHub's own reach here; the
 * token is not sent on when GitHub redirects to its storage host (fetch
 * drops Authorization on a cross-origin redirect).
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Hosts of GitHub's attachment store for an API address: github.com's, or an Enterprise Server's (or a test server's) own. */
export function uploadHostsOf(apiUrl: string): string[] {
  const api = new URL(apiUrl);
  if (api.hostname === "api.github.com") {
    return ["github.com", "user-images.githubusercontent.com", "private-user-images.githubusercontent.com", "objects.githubusercontent.com"];
  }
  return [api.host];
}

export async function fetchUpload(url: string, token: string | undefined, { maxBytes = MAX_UPLOAD_BYTES, timeoutMs = 60_000 } = {}): Promise<FetchedUpload | { error: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { error: "下载超时或网络不通" };
  }
  if (!response.ok || !response.body) return { error: `GitHub 没有给出这个文件（HTTP ${response.status}）` };
  const pieces: Uint8Array[] = [];
  let size = 0;
  for await (const piece of response.body) {
    size += piece.length;
    if (size > maxBytes) return { error: `文件超过 ${maxBytes / 1024 / 1024} MB` };
    pieces.push(piece);
  }
  const bytes = Buffer.concat(pieces);
  const type = await fileTypeFromBuffer(bytes);
  return { bytes, ext: type?.ext };
}
