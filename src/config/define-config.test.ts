import { expect, test } from 'vitest';
import { defineConfig } from './define-config.js';

test('defineConfig returns the config it was given', () => {
  const config = { targets: { production: 'https://shop.example.com' } };
  expect(defineConfig(config)).toBe(config);
});
