/**
 * The party grid's own links (router `contacts`): 户联系 (a party member is the contact of
 * households) and 关爱协管员 (a carer of an observed person), each with their own list.
 */
export const CONTACT_SCHEMAS = {} as const;

export type ContactOutputs = Record<never, never>;
