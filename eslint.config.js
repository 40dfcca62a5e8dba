import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The launch scripts are plain Node.js ES modules.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The core never reaches into a platform: Discord and Telegram code lives at the edge.
    files: ['src/feeds/**', 'src/news/**', 'src/delivery/core/**', 'commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['discord.js', 'grammy', '@grammyjs/*', '**/platforms/**'] }],
    },
  },
);
