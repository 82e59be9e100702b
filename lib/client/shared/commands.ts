// The extension's browser-wide commands (wxt.config.ts) and what the background tells a tab.
export const FOCUS_SIDEBAR_COMMAND = 'focus-sidebar';

/** Background → content script: move the keyboard focus into the sidebar (unless the user is typing). */
export const FOCUS_SIDEBAR_MESSAGE = 'sidebar.focus';
