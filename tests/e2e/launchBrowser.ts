import { type Browser, chromium } from 'playwright-core';

/** Flags that give Debian's Chromium WebGL2 through SwiftShader and keep it off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.COSITE_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
