import { z } from 'zod';

/** Shared input schemas of the API. */
export const provinceIdSchema = z.string().regex(/^VN\d{2}$/, 'a province id is VN01..VN34');
export const provinceParams = z.strictObject({ provinceId: provinceIdSchema });
export const uuidSchema = z.string().uuid('not a valid id');
export const planParams = z.strictObject({ planId: uuidSchema });
export const requestParams = z.strictObject({ requestId: uuidSchema });
/** The version the client's edit is based on (optimistic concurrency). */
export const versionSchema = z.number().int().positive();
