/** OpenSLO v1: export Outpost's SLOs as documents, and import documents as SLO definitions. */
export { openSloDocuments, openSloYaml } from './openslo-export.js';
export { importOpenSlo, OpenSloImportError } from './openslo-import.js';
