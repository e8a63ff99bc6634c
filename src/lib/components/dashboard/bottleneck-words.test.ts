import { describe, expect, it } from 'vitest';
import { bottleneckReason, DEFAULT_BOTTLENECK_RULE } from '../../domain/bottleneck';
import { parseBottleneckReason } from './bottleneck-words';

describe('parseBottleneckReason', () => {
	it('reads back the numbers the domain rule wrote', () => {
		const reason = bottleneckReason('approval', 12, 4, 7, DEFAULT_BOTTLENECK_RULE);
		expect(parseBottleneckReason(reason)).toEqual({
			wipBefore: 4,
			lookbackHours: DEFAULT_BOTTLENECK_RULE.lookbackHours,
			sharePercent: 20
		});
	});

	it('follows the rule’s settings', () => {
		const rule = { ...DEFAULT_BOTTLENECK_RULE, lookbackHours: 6 };
		const reason = bottleneckReason('interagency', 30, 0, 20, rule);
		expect(parseBottleneckReason(reason)).toEqual({
			wipBefore: 0,
			lookbackHours: 6,
			sharePercent: 50
		});
	});

	it('gives null for no reason or another wording', () => {
		expect(parseBottleneckReason(null)).toBeNull();
		expect(parseBottleneckReason('processing: piling up')).toBeNull();
	});
});
