// Types of app-paths.mjs (plain JavaScript so scripts and electron-builder can load it without a TypeScript step).
export declare const OUT_DIR: string;
export declare const MAIN_DIR: string;
export declare const RENDERER_DIR_FROM_MAIN: string;
export declare const PRELOAD_FILE_FROM_MAIN: string;
export declare const KDF_WORKER_FILE: string;
export declare const MAIN_CHUNKS_DIR: string;
export declare const VAULT_WRITER_FILE: string;
export declare const ASAR_FILE: string;
export declare const ASAR_UNPACKED_DIR: string;
export declare const NATIVE_ADDON_FILE: string;
export declare const NATIVE_STAMP_FILE: string;
export declare function nativeBuildDir(arch: string): string;
export declare const BUILDER_ARCH: string;
export declare const PACKAGED_NATIVE_DIR: string;
export declare const CLM_FILE: string;
export declare const LINUX_CLM_SCRIPT: string;
