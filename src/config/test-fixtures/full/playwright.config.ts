// Deliberately no '@playwright/test' import: a plain object is a valid Playwright config too.
export default {
  testDir: 'tests',
  retries: 3,
  use: { baseURL: 'http://localhost:3000', locale: 'fr-FR', trace: 'on', timezoneId: 'Europe/Paris' },
  projects: [
    { name: 'firefox', use: { browserName: 'firefox', locale: 'de-DE' } },
    { name: 'chromium', use: { browserName: 'chromium', colorScheme: 'dark', headless: false, launchOptions: { slowMo: 5 } } },
  ],
};
