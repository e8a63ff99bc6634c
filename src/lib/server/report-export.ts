import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatScope, type Scope } from '$lib/contracts/scope';
import { messages } from '$lib/i18n/messages';
import { loginPath, requireExport } from './access';
import { services } from './services';

/**
 * How a report or list export answers: the viewer's right to export the scope is checked before anything is
 * computed, the file is built, then the export is written to the audit log with its fingerprint (through
 * `requireExport`, the one export check) and sent as an attachment stamped with the fingerprint.
 */

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8',
	pdf: 'application/pdf'
};

export interface ExportFile {
	body: Uint8Array | string;
	fingerprint: string;
	/** File name without extension, ASCII. */
	name: string;
}

export async function exportResponse(
	event: RequestEvent,
	scope: Scope,
	format: ExportFormat,
	what: Record<string, unknown>,
	build: () => Promise<ExportFile>
): Promise<Response> {
	const principal = event.locals.principal;
	if (!principal) redirect(303, loginPath(event.url));
	if (!services().access.allows(principal, 'export', scope))
		error(403, `${messages(event.locals.lang).accessForbiddenExport} (${formatScope(scope)})`);
	const file = await build();
	await requireExport(event, scope, { ...what, format, fingerprint: file.fingerprint });
	const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
	return new Response(body, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${file.name}.${format}"`,
			'cache-control': 'no-store',
			'x-report-fingerprint': file.fingerprint
		}
	});
}

/** An ASCII file name part from a scope id and dates: `province-40_2026-10-01_2026-10-31`. */
export function fileNamePart(...parts: string[]): string {
	return parts.map((part) => part.replace(/[^\w.-]+/g, '-')).join('_');
}
