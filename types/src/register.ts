/**
 * The register in the hands of grid staff (router `register`): households on leaf nodes with
 * their 楼栋 / 单元 / 门牌, people with residency and 重点关爱 marks, moving a person, door codes.
 */
export const REGISTER_SCHEMAS = {} as const;

export type RegisterOutputs = Record<never, never>;
