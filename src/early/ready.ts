// The one contract between the page's early script and the app: the app fires this on `window`
// once its first render has taken over the prerendered page.
export const APP_READY = 'keymint-ready';
