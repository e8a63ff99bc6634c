import type { InProgressFigures, ReceivedFigures, ResolvedFigures } from './kpi';

/**
 * The columns of the periodic report form Biểu 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP), for one field or a whole
 * scope, read off the snapshot's figures (DOMAIN §7) so the form and the dashboards count every dossier one way.
 */
export interface Bieu06Figures {
	received: {
		/** The form's "tổng số" = carried over + received online + received in person or by post. */
		total: number;
		carriedOver: number;
		online: number;
		directOrPostal: number;
	};
	resolved: {
		/** Finished with an outcome: early + on time + late (the form has no column for withdrawals). */
		total: number;
		early: number;
		onTime: number;
		late: number;
		/** Withdrawn in the period: outside the form, shown so the snapshot's resolved total reconciles. */
		withdrawn: number;
	};
	inProgress: {
		total: number;
		/** The form's "chưa đến hạn": every open dossier not overdue (due soon and awaiting the applicant included). */
		withinTime: number;
		overdue: number;
	};
}

/** The figures a Biểu 06 row is read from: a snapshot, a child of one, or one field's share of them. */
export interface Bieu06Source {
	received: Omit<ReceivedFigures, 'byField'>;
	resolved: ResolvedFigures;
	inProgress: Pick<InProgressFigures, 'total' | 'overdue'>;
}

/** One Biểu 06 row from snapshot-shaped figures. */
export function bieu06Of(source: Bieu06Source): Bieu06Figures {
	const { received, resolved, inProgress } = source;
	return {
		received: {
			total: received.carriedOver + received.online + received.direct + received.postal,
			carriedOver: received.carriedOver,
			online: received.online,
			directOrPostal: received.direct + received.postal
		},
		resolved: {
			total: resolved.early + resolved.onTime + resolved.late,
			early: resolved.early,
			onTime: resolved.onTime,
			late: resolved.late,
			withdrawn: resolved.withdrawn
		},
		inProgress: {
			total: inProgress.total,
			withinTime: inProgress.total - inProgress.overdue,
			overdue: inProgress.overdue
		}
	};
}

/** The twelve numbers of a row in the form's column order (withdrawn last, outside the form). */
export function bieu06Columns(row: Bieu06Figures): number[] {
	const { received: r, resolved: s, inProgress: p } = row;
	return [
		r.total,
		r.carriedOver,
		r.online,
		r.directOrPostal,
		s.total,
		s.early,
		s.onTime,
		s.late,
		p.total,
		p.withinTime,
		p.overdue,
		s.withdrawn
	];
}

/** Column-wise sum of rows (the total row of the form). */
export function sumBieu06(rows: readonly Bieu06Figures[]): Bieu06Figures {
	const zero = bieu06Of({
		received: { total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0 },
		resolved: { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 },
		inProgress: { total: 0, overdue: 0 }
	});
	for (const row of rows) {
		for (const group of ['received', 'resolved', 'inProgress'] as const) {
			const into = zero[group] as Record<string, number>;
			for (const [key, n] of Object.entries(row[group])) into[key] += n;
		}
	}
	return zero;
}
