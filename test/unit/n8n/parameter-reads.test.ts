/**
 * The Send operation reads a parameter once per execution unless the workflow stores it as an
 * expression (n8n's getNodeParameter copies and walks the value on every call), and items that share
 * a text and options read that way share the very same objects.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { holdsExpression, sendItemReader } from '../../../nodes/shared/sendParameters';

function context(stored: INode['parameters'], perItem: (name: string, itemIndex: number) => unknown) {
	const reads: Array<[string, number]> = [];
	const node = { id: 'n', name: 'SMS', type: 't', typeVersion: 1, position: [0, 0], parameters: stored } as INode;
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push([name, itemIndex]);
			return perItem(name, itemIndex) ?? fallback;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, reads };
}

describe('sendItemReader', () => {
	test('reads the text and options once when they are plain values, the recipients per item when they are an expression', () => {
		const { ctx, reads } = context({ to: '={{ $json.phone }}', text: 'Hello', options: { from: 'Shop', flash: true } }, (name, i) =>
			name === 'to' ? `2782000000${i}` : name === 'text' ? 'Hello' : { from: 'Shop', flash: true },
		);
		const read = sendItemReader(ctx);
		const items = [0, 1, 2].map((i) => read(i));
		expect(items.map((item) => item.to)).toEqual([['27820000000'], ['27820000001'], ['27820000002']]);
		expect(reads.filter(([name]) => name === 'to').map(([, i]) => i)).toEqual([0, 1, 2]);
		expect(reads.filter(([name]) => name === 'text')).toEqual([['text', 0]]);
		expect(reads.filter(([name]) => name === 'options')).toEqual([['options', 0]]);
		// One options object for all: the planner then groups the items without comparing their contents.
		expect(items[1].options).toBe(items[0].options);
		expect(items[2].options).toEqual({ from: 'Shop', flash: true });
	});

	test('reads an options collection per item when any field in it is an expression', () => {
		const { ctx, reads } = context({ to: '27820000000', text: 'Hi', options: { from: '={{ $json.sender }}' } }, (name, i) =>
			name === 'to' ? '27820000000' : name === 'text' ? 'Hi' : { from: `S${i}` },
		);
		const read = sendItemReader(ctx);
		expect([0, 1].map((i) => read(i).options)).toEqual([{ from: 'S0' }, { from: 'S1' }]);
		expect(reads.filter(([name]) => name === 'options').map(([, i]) => i)).toEqual([0, 1]);
		expect(reads.filter(([name]) => name === 'to')).toEqual([['to', 0]]);
	});

	test('a plain value that is invalid fails every item with the same error naming the field', () => {
		const { ctx, reads } = context({ to: '={{ $json.phone }}', text: '' }, (name) => (name === 'to' ? '27820000000' : name === 'text' ? '' : undefined));
		const read = sendItemReader(ctx);
		expect(() => read(0)).toThrow("'text'");
		expect(() => read(1)).toThrow("'text'");
		expect(reads.filter(([name]) => name === 'text')).toHaveLength(1);
	});
});

describe('holdsExpression', () => {
	test.each([
		['=x', true],
		['x', false],
		[{ a: { b: ['y', '={{1}}'] } }, true],
		[{ a: 'b' }, false],
		[undefined, false],
		[3, false],
	])('%p -> %p', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});
