/**
 * Finding people, households and nodes in the caller's scope (router `search`), by what a masked
 * list shows: name, the last four digits of a phone or an ID number, an address, a door code.
 */
export const SEARCH_SCHEMAS = {} as const;

export type SearchOutputs = Record<never, never>;
