import type { AgeUnit } from '../wall/wall-freshness';
import type { Lang } from './messages';

/** Text of the wall display (issue #10), Vietnamese first; dossier words come from `messages`. */
const vi = {
	wallTitle: (unit: string) => `${unit} · Màn hình trình chiếu`,
	liveNow: 'Trực tiếp',
	dataAt: (time: string) => `Số liệu lúc ${time}`,
	age: (value: number, unit: AgeUnit) =>
		`cách đây ${value} ${{ seconds: 'giây', minutes: 'phút', hours: 'giờ', days: 'ngày' }[unit]}`,
	waiting: 'Đang chờ số liệu…',
	lostConnection: (time: string) => `Mất kết nối · cập nhật lúc ${time}`,
	notUpdating: (time: string) => `Số liệu chưa được cập nhật · cập nhật lúc ${time}`,
	lostSinceDay: (date: string, time: string) =>
		`Mất kết nối · số liệu dừng từ ${time} ngày ${date}, không phải số liệu hôm nay`,
	notUpdatingSinceDay: (date: string, time: string) =>
		`Số liệu không được cập nhật từ ${time} ngày ${date}, không phải số liệu hôm nay`,
	lagSince: (time: string, minutes: number) =>
		`Hệ thống một cửa chưa gửi dữ liệu từ ${time} (hơn ${minutes} phút trong giờ làm việc)`,
	lagNone: (minutes: number) =>
		`Hệ thống một cửa chưa gửi dữ liệu trong hơn ${minutes} phút trong giờ làm việc`,
	panelTitles: {
		overview: 'Tổng quan hôm nay',
		fields: 'Tiếp nhận theo lĩnh vực',
		stages: 'Các bước xử lý và điểm nghẽn',
		lists: 'Hồ sơ quá hạn và sắp đến hạn',
		ranking: 'Xếp hạng xã, phường, đặc khu hôm nay'
	},
	panelOf: (index: number, count: number) => `Trang ${index} / ${count}`,
	tileReceived: 'Tiếp nhận',
	tileOnline: 'Trực tuyến',
	tileDirect: 'Trực tiếp, bưu chính',
	tileResolved: 'Đã giải quyết',
	tileOnTimeRate: 'Đúng hạn, trước hạn',
	tileOnlineRate: 'Tỉ lệ trực tuyến',
	tileInProgress: 'Đang xử lý',
	tileDueSoon: 'Sắp đến hạn',
	tileOverdue: 'Quá hạn',
	tileAwaitingCitizen: 'Chờ bổ sung',
	intakeLastHour: 'Tiếp nhận mỗi phút, 60 phút qua',
	intakeLastHourSummary: (total: number) => `${total} hồ sơ trong 60 phút qua`,
	fieldOther: 'Các lĩnh vực khác',
	fieldsEmpty: 'Hôm nay chưa tiếp nhận hồ sơ nào.',
	stageWip: 'Đang xử lý',
	stageOverdue: 'Quá hạn',
	stageMedianAge: 'Thời gian chờ (trung vị)',
	hours: (value: string) => `${value} giờ`,
	bottleneck: '⚠ Điểm nghẽn',
	noStages: 'Không có hồ sơ đang xử lý.',
	overdueTitle: 'Quá hạn',
	dueSoonTitle: 'Sắp đến hạn (24 giờ tới)',
	overdueEmpty: 'Không có hồ sơ quá hạn.',
	dueSoonEmpty: 'Không có hồ sơ sắp đến hạn.',
	colDossier: 'Mã hồ sơ',
	colStage: 'Bước',
	colDue: 'Hẹn trả',
	listMore: (count: number) => `và ${count} hồ sơ khác`,
	listsAt: (time: string) => `Danh sách lúc ${time}`,
	colRank: 'Hạng',
	colWard: 'Đơn vị',
	colOnTime: 'Đúng hạn',
	colReceived: 'Tiếp nhận',
	colOverdue: 'Quá hạn',
	notRanked: 'Chưa xếp hạng',
	tickerTitle: 'Diễn biến trực tiếp',
	tickerEmpty: 'Không có diễn biến nào trong 24 giờ qua.',
	standbyTitle: 'Ngoài giờ hoạt động',
	standbyBack: (time: string) => `Màn hình sẽ hiển thị lại lúc ${time}`,
	revokedTitle: 'Màn hình này đã bị thu hồi',
	revoked:
		'Màn hình này đã bị thu hồi, số liệu không còn được hiển thị. Vui lòng liên hệ quản trị viên để được cấp đường dẫn mới.',
	forbidden: 'Màn hình này không được phép hiển thị đơn vị này. Vui lòng liên hệ quản trị viên.'
};

export type WallMessages = typeof vi;

const en: WallMessages = {
	wallTitle: (unit: string) => `${unit} · Wall display`,
	liveNow: 'Live',
	dataAt: (time: string) => `Figures at ${time}`,
	age: (value: number, unit: AgeUnit) => `${value} ${unit === 'seconds' ? 's' : unit} ago`,
	waiting: 'Waiting for figures…',
	lostConnection: (time: string) => `Connection lost · updated at ${time}`,
	notUpdating: (time: string) => `Figures not updating · updated at ${time}`,
	lostSinceDay: (date: string, time: string) =>
		`Connection lost · figures stopped at ${time} on ${date}, not today’s`,
	notUpdatingSinceDay: (date: string, time: string) =>
		`Figures not updated since ${time} on ${date}, not today’s`,
	lagSince: (time: string, minutes: number) =>
		`The one-stop system has sent nothing since ${time} (over ${minutes} minutes in office hours)`,
	lagNone: (minutes: number) =>
		`The one-stop system has sent nothing for over ${minutes} minutes in office hours`,
	panelTitles: {
		overview: 'Today at a glance',
		fields: 'Received by field',
		stages: 'Stages and bottlenecks',
		lists: 'Overdue and due soon',
		ranking: 'Wards ranked today'
	},
	panelOf: (index: number, count: number) => `Page ${index} of ${count}`,
	tileReceived: 'Received',
	tileOnline: 'Online',
	tileDirect: 'In person, postal',
	tileResolved: 'Resolved',
	tileOnTimeRate: 'Early or on time',
	tileOnlineRate: 'Online rate',
	tileInProgress: 'In progress',
	tileDueSoon: 'Due soon',
	tileOverdue: 'Overdue',
	tileAwaitingCitizen: 'Awaiting supplement',
	intakeLastHour: 'Received per minute, last 60 minutes',
	intakeLastHourSummary: (total: number) => `${total} dossiers in the last 60 minutes`,
	fieldOther: 'Other fields',
	fieldsEmpty: 'No dossiers received today yet.',
	stageWip: 'In progress',
	stageOverdue: 'Overdue',
	stageMedianAge: 'Waiting (median)',
	hours: (value: string) => `${value} h`,
	bottleneck: '⚠ Bottleneck',
	noStages: 'No dossiers in progress.',
	overdueTitle: 'Overdue',
	dueSoonTitle: 'Due within 24 hours',
	overdueEmpty: 'No overdue dossiers.',
	dueSoonEmpty: 'No dossiers due soon.',
	colDossier: 'Dossier',
	colStage: 'Stage',
	colDue: 'Due',
	listMore: (count: number) => `and ${count} more`,
	listsAt: (time: string) => `Lists at ${time}`,
	colRank: 'Rank',
	colWard: 'Unit',
	colOnTime: 'On time',
	colReceived: 'Received',
	colOverdue: 'Overdue',
	notRanked: 'Not ranked',
	tickerTitle: 'Live events',
	tickerEmpty: 'No activity in the last 24 hours.',
	standbyTitle: 'Outside active hours',
	standbyBack: (time: string) => `The screen comes back at ${time}`,
	revokedTitle: 'This screen has been revoked',
	revoked:
		'This screen has been revoked and shows no more figures. Please ask an administrator for a new link.',
	forbidden: 'This screen may not show this unit. Please contact an administrator.'
};

const WALL_MESSAGES: Record<Lang, WallMessages> = { vi, en };

export function wallMessages(lang: Lang): WallMessages {
	return WALL_MESSAGES[lang];
}
