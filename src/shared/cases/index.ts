/** Case management: catalogues, the default mapping template and follow-up rules (pure). */
export * from './catalogue.js';
export * from './follow-up.js';
export * from './mapping-template.js';
