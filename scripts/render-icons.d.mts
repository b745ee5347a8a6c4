// Types of render-icons.mjs (plain JavaScript, run by npm run dist with no TypeScript step).
export declare const LINUX_SIZES: number[];
export declare function renderIcons(dir?: string): string[];
