/** A refused input, naming the field (a form field or a CLI option) and why; nothing was changed. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** Who made a change and from where, for the audit log. */
export interface Actor {
	/** `user:<id>`, `cli`, `system`. */
	id: string;
	address?: string | null;
}

/**
 * Whether an error is an InputError, by shape rather than class: SvelteKit's handler bundle holds its own copy
 * of this module, so an error thrown by the server's services is not an instance of the pages' class.
 */
export function isInputError(error: unknown): error is InputError {
	return (
		error instanceof Error &&
		error.name === 'InputError' &&
		typeof (error as { field?: unknown }).field === 'string'
	);
}
