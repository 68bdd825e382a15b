// @ts-check
// Where Chromium is looked for, and the flags every headless run gets here (no calls home: this
// machine may be offline), shared by the end-to-end tests and the benchmark.

export const INSTALLED_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const BASE_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
