/**
 * What the analysis worker offers for terrain (elevation layers, hillshade, viewshed, link profiles): spread into
 * analysisApi. Same rules as analysisApi: core calls inside withJob, typed arrays transferred, no settings here.
 */
export const terrainApi = {};
