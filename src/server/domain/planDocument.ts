import { z } from 'zod';
import { MAST_TYPES } from '../../core/model/tower';

/**
 * A province's plan as stored on the server: the planner's layers, analysis scenarios and proposed shared sites.
 * Layers and scenario parameters are the app's own data (kept as given, bounded in size by the body limit);
 * proposed sites are checked field by field because operators file co-location requests against them.
 */
const idSchema = z.string().trim().min(1).max(100);

export const proposedSiteSchema = z.strictObject({
  id: idSchema,
  name: z.string().max(200).optional(),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Planned antenna height above ground, m. */
  heightM: z.number().positive().max(300),
  mastType: z
    .enum(MAST_TYPES as [string, ...string[]])
    .nullable()
    .default(null),
  /** Operators the site is planned for (overrides the class's slot count). */
  tenantSlots: z.number().int().min(1).max(8).nullable().default(null),
  /** Operators already committed to the site (e.g. the one that builds it). */
  tenants: z.array(z.string().min(1).max(40)).max(8).default([]),
  note: z.string().max(2000).optional(),
  /**
   * The existing mast of the province this site is (operators join it, nothing is built): requests go to the mast,
   * whose capacity the site shares. A site standing within SITE_ON_MAST_M of a mast is that mast too.
   */
  mastId: idSchema.nullable().optional(),
  /** People the site newly covers in the plan, and the operators it serves: the note, worded in each reader's language. */
  newlyCoveredPeople: z.number().min(0).max(1e9).optional(),
  forOperators: z.array(z.string().min(1).max(40)).max(8).optional(),
});
export type ProposedSite = z.infer<typeof proposedSiteSchema>;

export const planLayerSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  /** What the app draws it as, e.g. "towers", "geojson", "coverage". */
  kind: z.string().min(1).max(40),
  visible: z.boolean().default(true),
  style: z.record(z.string(), z.unknown()).optional(),
  /** The layer's data, e.g. a GeoJSON FeatureCollection. */
  data: z.unknown().optional(),
});

export const planScenarioSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

export const planDocumentSchema = z
  .strictObject({
    layers: z.array(planLayerSchema).max(200).default([]),
    scenarios: z.array(planScenarioSchema).max(200).default([]),
    proposedSites: z.array(proposedSiteSchema).max(20_000).default([]),
  })
  .superRefine((document, context) => {
    for (const [key, items] of Object.entries(document) as [string, { id: string }[]][]) {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id)) {
          context.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id "${item.id}"` });
        }
        seen.add(item.id);
      });
    }
  });
export type PlanDocument = z.infer<typeof planDocumentSchema>;

export const EMPTY_PLAN_DOCUMENT: PlanDocument = { layers: [], scenarios: [], proposedSites: [] };

/** What the audit trail records of a plan version: counts and ids, not the (possibly large) layer data. */
export function summarizePlanDocument(document: PlanDocument) {
  return {
    layers: document.layers.map((layer) => ({ id: layer.id, name: layer.name, kind: layer.kind })),
    scenarios: document.scenarios.map((scenario) => ({ id: scenario.id, name: scenario.name })),
    proposedSites: document.proposedSites,
  };
}
