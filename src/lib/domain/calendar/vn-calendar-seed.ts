import type { CalendarDayRow } from './working-calendar';

/**
 * Public holidays, days off and swapped working days for 2025–2027 (Labor Code 2019 Art. 112 and the yearly
 * government announcements; DOMAIN §5). Seeded into the database once; administrators edit it afterwards.
 * Only exceptions to the weekday rule matter; weekend rows are kept where they carry a holiday's name.
 *
 * Not included: 24 November ("Ngày Văn hóa Việt Nam") was agreed politically but is unconfirmed; an administrator
 * adds it once it is confirmed.
 */

const holiday = (date: string, name: string, provisional = false): CalendarDayRow => ({
	date,
	kind: 'holiday',
	name,
	provisional
});
const dayOff = (date: string, name: string, provisional = false): CalendarDayRow => ({
	date,
	kind: 'day_off',
	name,
	provisional
});
const workingDay = (date: string, name: string): CalendarDayRow => ({
	date,
	kind: 'working_day',
	name,
	provisional: false
});

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương';
const REUNIFICATION = 'Ngày Giải phóng miền Nam';
const LABOUR_DAY = 'Ngày Quốc tế Lao động';
const NATIONAL_DAY = 'Quốc khánh';

export const VN_CALENDAR_SEED: CalendarDayRow[] = [
	// 2025
	holiday('2025-01-01', NEW_YEAR),
	// Tết break Sat 25 Jan – Sun 2 Feb; lunar new year Wed 29 Jan.
	holiday('2025-01-27', TET),
	holiday('2025-01-28', TET),
	holiday('2025-01-29', TET),
	holiday('2025-01-30', TET),
	holiday('2025-01-31', TET),
	holiday('2025-04-07', HUNG_KINGS),
	workingDay('2025-04-26', 'Làm bù (đổi lấy thứ Sáu 2/5/2025)'),
	holiday('2025-04-30', REUNIFICATION),
	holiday('2025-05-01', LABOUR_DAY),
	dayOff('2025-05-02', 'Nghỉ bù (làm bù thứ Bảy 26/4/2025)'),
	holiday('2025-09-01', NATIONAL_DAY),
	holiday('2025-09-02', NATIONAL_DAY),

	// 2026
	holiday('2026-01-01', NEW_YEAR),
	dayOff('2026-01-02', 'Nghỉ bù (làm bù thứ Bảy 10/1/2026)'),
	workingDay('2026-01-10', 'Làm bù (đổi lấy thứ Sáu 2/1/2026)'),
	// Tết break Sat 14 – Sun 22 Feb; lunar new year Tue 17 Feb.
	holiday('2026-02-16', TET),
	holiday('2026-02-17', TET),
	holiday('2026-02-18', TET),
	holiday('2026-02-19', TET),
	holiday('2026-02-20', TET),
	// Hùng Kings' day falls on a Sunday: the Monday after is off.
	holiday('2026-04-26', HUNG_KINGS),
	dayOff('2026-04-27', `Nghỉ bù ${HUNG_KINGS}`),
	holiday('2026-04-30', REUNIFICATION),
	holiday('2026-05-01', LABOUR_DAY),
	// The adjacent National Day holiday is 1 or 3 September: not yet confirmed, 1 September assumed.
	holiday('2026-09-01', NATIONAL_DAY, true),
	holiday('2026-09-02', NATIONAL_DAY),

	// 2027
	holiday('2027-01-01', NEW_YEAR),
	// Tết not yet announced: lunar new year Sat 6 Feb; 5 legal days Fri 5 – Tue 9 Feb, the two weekend days
	// compensated on Wed 10 and Thu 11 Feb.
	holiday('2027-02-05', TET, true),
	holiday('2027-02-08', TET, true),
	holiday('2027-02-09', TET, true),
	dayOff('2027-02-10', `Nghỉ bù ${TET}`, true),
	dayOff('2027-02-11', `Nghỉ bù ${TET}`, true),
	holiday('2027-04-16', HUNG_KINGS),
	holiday('2027-04-30', REUNIFICATION),
	holiday('2027-05-01', LABOUR_DAY),
	dayOff('2027-05-03', `Nghỉ bù ${LABOUR_DAY}`),
	holiday('2027-09-02', NATIONAL_DAY),
	holiday('2027-09-03', NATIONAL_DAY, true)
];
