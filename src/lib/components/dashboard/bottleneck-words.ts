/** What the bottleneck rule measured, beyond the figures a stage row already has. */
export interface BottleneckDetail {
	/** Work in progress at the lookback instant. */
	wipBefore: number;
	lookbackHours: number;
	/** The stage's share of a dossier's legal time, in percent. */
	sharePercent: number;
}

/** The parts of `bottleneckReason` (src/lib/domain/bottleneck.ts) that the snapshot does not carry as numbers. */
const REASON = /(?:up from|about as many as) (\d+) (\d+(?:\.\d+)?) h ago;.* (\d+)% share/;

/**
 * The numbers inside a stage's `bottleneckReason` (English, written by the domain rule), so the page can say the
 * reason in the reader's language; null when there is no reason or its wording is not the rule's.
 */
export function parseBottleneckReason(reason: string | null): BottleneckDetail | null {
	const match = reason ? REASON.exec(reason) : null;
	if (!match) return null;
	return {
		wipBefore: Number(match[1]),
		lookbackHours: Number(match[2]),
		sharePercent: Number(match[3])
	};
}
