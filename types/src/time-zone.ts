/**
 * China keeps UTC+8 all year. Kept apart from china-time.ts so the mini-program can use the
 * constant without pulling dayjs into its main package.
 */
export const CHINA_OFFSET_MINUTES = 8 * 60;
