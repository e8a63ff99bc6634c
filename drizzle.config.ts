import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and committed; never hand-edited.
export default defineConfig({
	dialect: 'postgresql',
	schema: './server/db/schema/index.ts',
	out: './server/db/migrations'
});
