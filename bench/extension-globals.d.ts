// The extension's `browser` global (declared for the extension by WXT's generated types, which the
// server's tsconfig does not load): bench/extension-cache.ts runs background modules that name it.
declare const browser: typeof import('@wxt-dev/browser').browser;
