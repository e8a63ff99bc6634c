import type { Lang } from './messages';

/** Vietnam has one time zone, UTC+7, with no daylight saving. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Formatters in the reader's language; Vietnamese gives 2.718, 65,8% and 27/11/2026. */
export function formatters(lang: Lang) {
	const locale = LOCALES[lang];
	const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
	const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
	const date = new Intl.DateTimeFormat(locale, {
		timeZone: TIME_ZONE,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	});
	const time = new Intl.DateTimeFormat(locale, {
		timeZone: TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	return {
		integer: (value: number) => integer.format(value),
		/** One decimal at most: 2,3 in Vietnamese. */
		decimal: (value: number) => decimal.format(value),
		/** A fraction in [0, 1]; null (no denominator) shows as a dash. */
		percent: (value: number | null) => (value === null ? '–' : percent.format(value)),
		date: (value: Date | number) => date.format(value),
		time: (value: Date | number) => time.format(value),
		/** 27/11/2026 08:20 */
		dateTime: (value: Date | number) => `${date.format(value)} ${time.format(value)}`
	};
}
