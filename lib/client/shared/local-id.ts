/** Ids of rows the server has not created yet; no request may carry them. */
export const LOCAL_ID_PREFIX = 'local-';
export const isLocalId = (id: string): boolean => id.startsWith(LOCAL_ID_PREFIX);
