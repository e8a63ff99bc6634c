import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'coverage/',
			'test-results/',
			'server/db/migrations/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Only server/config.ts reads the environment; tests and tools get their settings passed in.
		files: ['server/**/*.ts', 'src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['server/config.ts'],
		rules: {
			'no-restricted-properties': [
				'error',
				{
					object: 'process',
					property: 'env',
					message: 'Read configuration through server/config.ts.'
				}
			]
		}
	},
	{
		// The domain core is pure: no I/O, no framework, no clock of its own.
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/*',
								'../../*',
								'node:*',
								'drizzle-orm*',
								'socket.io*',
								'redis',
								'svelte*',
								'@sveltejs/*'
							],
							message: 'src/lib/domain is pure: it imports nothing but itself (ARCHITECTURE §3).'
						}
					]
				}
			],
			'no-restricted-properties': [
				'error',
				{
					object: 'Date',
					property: 'now',
					message: 'Pass the current time in: the clock is a parameter.'
				},
				{ object: 'process', property: 'env', message: 'The domain core reads no configuration.' }
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Pass the current time in: the clock is a parameter.'
				}
			]
		}
	}
);
