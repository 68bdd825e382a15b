// Ids of what takes focus when it appears; shared by the panels and the App, which moves the focus.
export const ALERT_TITLE = 'alert-title';
export const KEY_TITLE = 'key-title';
export const WAIT_TITLE = 'wait-title';
export const PASTE_INPUT = 'paste-code';
