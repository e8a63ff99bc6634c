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
