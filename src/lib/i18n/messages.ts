/** UI text: Vietnamese first, English as a switch. Every key exists in both languages (checked by type). */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const vi = {
	appName: 'Một Cửa Live',
	tagline: 'Giám sát trực tuyến Trung tâm Phục vụ hành chính công cấp xã',
	provincesTitle: 'Tỉnh, thành phố',
	provincesSummary: (provinces: string, wards: string) =>
		`${provinces} tỉnh, thành phố · ${wards} xã, phường, đặc khu`,
	colProvince: 'Tỉnh, thành phố',
	colCode: 'Mã',
	colWards: 'Số đơn vị cấp xã',
	liveConnected: 'Trực tuyến',
	liveConnecting: 'Đang kết nối…',
	liveDisconnected: 'Mất kết nối',
	liveLabel: 'Trạng thái kết nối trực tuyến',
	nationTodayTitle: 'Cả nước hôm nay',
	figureInProgress: 'Đang xử lý',
	figureOverdue: 'Quá hạn',
	figureReceivedToday: 'Tiếp nhận hôm nay',
	freshnessLive: (time: string) => `Trực tiếp · số liệu lúc ${time}`,
	freshnessReconnecting: (time: string) => `Đang kết nối lại… · số liệu lúc ${time}`,
	freshnessStale: (time: string) => `Số liệu cũ, chưa cập nhật từ ${time}`,
	freshnessNone: 'Chưa có số liệu trực tuyến',
	liveFiguresRefused: 'Cần đăng nhập để xem số liệu trực tuyến',
	switchLanguage: 'English',
	switchLanguageLabel: 'Switch to English',
	apiDocsMachineReadable: 'Bản máy đọc được:',
	apiDocsOperations: 'Các thao tác',
	apiDocsNeedsKey: 'cần khóa API',
	apiDocsField: 'Trường',
	apiDocsType: 'Kiểu',
	apiDocsRequired: 'Bắt buộc',
	apiDocsMeaning: 'Ý nghĩa'
};

export type Messages = typeof vi;

const en: Messages = {
	appName: 'Một Cửa Live',
	tagline: 'Live supervision of commune-level public administrative service centres',
	provincesTitle: 'Provinces and cities',
	provincesSummary: (provinces, wards) =>
		`${provinces} provinces and cities · ${wards} wards and communes`,
	colProvince: 'Province or city',
	colCode: 'Code',
	colWards: 'Wards and communes',
	liveConnected: 'Live',
	liveConnecting: 'Connecting…',
	liveDisconnected: 'Disconnected',
	liveLabel: 'Live connection status',
	nationTodayTitle: 'The nation today',
	figureInProgress: 'In progress',
	figureOverdue: 'Overdue',
	figureReceivedToday: 'Received today',
	freshnessLive: (time) => `Live · figures as of ${time}`,
	freshnessReconnecting: (time) => `Reconnecting… · figures as of ${time}`,
	freshnessStale: (time) => `Stale since ${time}`,
	freshnessNone: 'No live figures yet',
	liveFiguresRefused: 'Sign in to see live figures',
	switchLanguage: 'Tiếng Việt',
	switchLanguageLabel: 'Chuyển sang tiếng Việt',
	apiDocsMachineReadable: 'Machine-readable:',
	apiDocsOperations: 'Operations',
	apiDocsNeedsKey: 'needs an API key',
	apiDocsField: 'Field',
	apiDocsType: 'Type',
	apiDocsRequired: 'Required',
	apiDocsMeaning: 'Meaning'
};

const MESSAGES: Record<Lang, Messages> = { vi, en };

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function messages(lang: Lang): Messages {
	return MESSAGES[lang];
}
