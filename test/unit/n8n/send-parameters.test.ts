import { toDate, toSendOptions } from '../../../nodes/shared/sendParameters';

describe('toSendOptions', () => {
	test('maps the Options collection to SendOptions, leaving out what asks for nothing', () => {
		expect(
			toSendOptions({
				from: ' Shop ',
				clientReference: 'ref-1',
				callback: 3,
				maxParts: '2',
				flash: true,
				mo: false,
				unicode: 'auto',
				scheduledAt: '2030-01-31T09:30:00Z',
				udh: '',
			}),
		).toEqual({ from: 'Shop', clientReference: 'ref-1', callback: 3, maxParts: 2, flash: true, scheduledAt: new Date('2030-01-31T09:30:00Z') });
	});

	test('two items that differ only in unset flags produce the same options (they batch together)', () => {
		expect(toSendOptions({ flash: false, unicode: 'auto' })).toEqual(toSendOptions({}));
	});

	test.each([
		[{ maxParts: 'three' }, "'options.maxParts'"],
		[{ flash: 'yes' }, "'options.flash'"],
		[{ unicode: 'maybe' }, "'options.unicode'"],
		[{ from: { name: 'x' } }, "'options.from'"],
		[{ scheduledAt: 'next week' }, "'options.scheduledAt'"],
	])('%p is refused naming %s', (raw, field) => {
		expect(() => toSendOptions(raw)).toThrow(field);
	});
});

describe('toDate', () => {
	test('accepts ISO strings, Dates, epoch milliseconds and Luxon-like objects', () => {
		const iso = '2030-01-31T09:30:00.000Z';
		expect(toDate(iso, 'f').toISOString()).toBe(iso);
		expect(toDate(new Date(iso), 'f').toISOString()).toBe(iso);
		expect(toDate(Date.parse(iso), 'f').toISOString()).toBe(iso);
		expect(toDate({ toISO: () => iso }, 'f').toISOString()).toBe(iso);
	});
});
