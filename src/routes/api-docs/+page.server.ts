import { openApiDocument } from '$lib/contracts/openapi';
import type { PageServerLoad } from './$types';

interface Field {
	name: string;
	type: string;
	required: boolean;
	description: string;
}

/** Flattens one JSON Schema object into rows a person can read. */
function fieldsOf(schema: Record<string, unknown> | undefined): Field[] {
	const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
	const required = new Set((schema?.required as string[] | undefined) ?? []);
	return Object.entries(properties).map(([name, property]) => ({
		name,
		type: Array.isArray(property.enum)
			? (property.enum as unknown[]).join(' | ')
			: property.format === 'date-time'
				? 'RFC 3339 date-time'
				: String(property.type ?? (property.anyOf ? 'one of several' : 'any')),
		required: required.has(name),
		description: String(property.description ?? '')
	}));
}

export const load: PageServerLoad = () => {
	const doc = openApiDocument('v1');
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods as Record<string, Record<string, unknown>>).map(([method, op]) => ({
			method: method.toUpperCase(),
			path,
			summary: String(op.summary ?? ''),
			description: String(op.description ?? ''),
			secured: Array.isArray(op.security),
			responses: Object.entries(
				(op.responses ?? {}) as Record<string, { description: string }>
			).map(([status, response]) => ({ status, description: response.description }))
		}))
	);
	return {
		title: doc.info.title,
		description: doc.info.description,
		operations,
		schemas: [
			{ name: 'NativeEvent', fields: fieldsOf(doc.components.schemas.NativeEvent) },
			{ name: 'IngestResult', fields: fieldsOf(doc.components.schemas.IngestResult) }
		]
	};
};
