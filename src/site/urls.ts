/** URLs of the portal: a column at /<column path>/, an article at /<column path>/<yyyy>/<slug>/. */
export const columnUrl = (path: string) => `/${path}/`;
export const articleUrl = (id: string) => `/${id}/`;
