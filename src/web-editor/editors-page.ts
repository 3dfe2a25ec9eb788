/**
 * The head of a page for the site's editors rather than its readers (the
 * WeChat versions, the web editor): Chinese, for a phone too, and kept out of
 * search engines. Readers' pages are Astro's (layouts/Base.astro).
 */
export function editorsPageHead(title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</title>
</head>`;
}
