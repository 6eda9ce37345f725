/** The canonical hub: neutral types every client format decodes to and every upstream adapter speaks. */
export type * from './generate-result.js';
export type * from './json-value.js';
export type * from './prompt.js';
export type * from './request.js';
export type * from './stream-part.js';
export type * from './usage.js';
export type * from './wire-format.js';
