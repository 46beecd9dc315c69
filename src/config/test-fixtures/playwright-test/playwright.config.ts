import { defineConfig, devices } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  reporter: 'list',
  use: {
    baseURL: 'https://playwright.example.com',
    extraHTTPHeaders: { 'x-probe': 'outpost' },
    screenshot: 'only-on-failure',
    contextOptions: { locale: 'nl-NL', reducedMotion: 'reduce' },
  },
  projects: [
    { name: 'webkit', use: { ...devices['Desktop Safari'] } },
    { name: 'chrome', use: { ...devices['Desktop Chrome'], locale: 'en-US', channel: 'chrome' } },
    { name: 'second chromium', use: { locale: 'ja-JP' } },
  ],
});
