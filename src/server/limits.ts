/**
 * Request size limits: JSON bodies and uploads.
 */
export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 50 * 1024 * 1024;
