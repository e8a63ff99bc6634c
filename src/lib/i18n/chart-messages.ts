import type { Lang } from './messages';

/**
 * Text of the trend charts, Vietnamese first; kept apart from the dashboards' messages (`messages.ts`) so the
 * charts can be added to a page without touching them. Every key exists in both languages (checked by type).
 */
const vi = {
	/** Titles the pages can pass to IntakeChart. */
	titleToday: 'Tiếp nhận và giải quyết hôm nay, theo giờ',
	titleDays: (days: number) => `Tiếp nhận và giải quyết ${days} ngày qua, theo ngày`,
	titlePeriod: 'Tiếp nhận và giải quyết trong kỳ',
	received: 'Tiếp nhận',
	resolved: 'Đã giải quyết',
	/** The y axis. */
	dossiers: 'Số hồ sơ',
	colHour: 'Giờ',
	colDay: 'Ngày',
	total: 'Tổng',
	/** "08 giờ" for an hour bucket on the axis. */
	hour: (hour: string) => `${hour} giờ`,
	hourRange: (from: string, to: string) => `${from}–${to}`,
	caption: (title: string, period: string) =>
		`${title}, ${period}: số hồ sơ tiếp nhận và đã giải quyết (đúng hạn, trước hạn, quá hạn hoặc rút hồ sơ)`,
	/** What the canvas says to a screen reader; the table after it has every number. */
	summary: (title: string, received: string, resolved: string) =>
		`Biểu đồ ${title}: tiếp nhận ${received}, đã giải quyết ${resolved} hồ sơ. Số liệu chi tiết trong bảng ngay sau.`,
	empty: 'Chưa có hồ sơ nào được tiếp nhận hay giải quyết trong kỳ này.'
};

export type ChartMessages = typeof vi;

const en: ChartMessages = {
	titleToday: 'Received and resolved today, by hour',
	titleDays: (days) => `Received and resolved in the last ${days} days, by day`,
	titlePeriod: 'Received and resolved in the period',
	received: 'Received',
	resolved: 'Resolved',
	dossiers: 'Dossiers',
	colHour: 'Hour',
	colDay: 'Day',
	total: 'Total',
	hour: (hour) => `${hour}:00`,
	hourRange: (from, to) => `${from}–${to}`,
	caption: (title, period) =>
		`${title}, ${period}: dossiers received and resolved (early, on time, late or withdrawn)`,
	summary: (title, received, resolved) =>
		`Chart ${title}: ${received} received, ${resolved} resolved. Every figure is in the table that follows.`,
	empty: 'No dossier was received or resolved in this period.'
};

const MESSAGES: Record<Lang, ChartMessages> = { vi, en };

export function chartMessages(lang: Lang): ChartMessages {
	return MESSAGES[lang];
}
