import { GatewayError } from '../../../gateways/errors';
import { planBatches, recipientKey, sendKey, type BulkItem } from '../../../gateways/bulk';

const numbers = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('planBatches', () => {
  it('makes ceil(N / limit) requests per distinct text, each within the limit, in input order', () => {
    const items: BulkItem[] = [
      { to: numbers('2782', 7), text: 'hello' },
      { to: numbers('2783', 5), text: 'bye' },
      { to: numbers('2784', 10), text: 'hello' },
    ];
    const plan = planBatches(items, 3);
    const hello = plan.filter((b) => b.text === 'hello');
    const bye = plan.filter((b) => b.text === 'bye');
    expect(hello).toHaveLength(Math.ceil(17 / 3));
    expect(bye).toHaveLength(Math.ceil(5 / 3));
    expect(plan.every((b) => b.to.length >= 1 && b.to.length <= 3)).toBe(true);
    // Recipients of one text come out in the order they went in.
    expect(hello.flatMap((b) => b.to)).toEqual([...items[0].to, ...items[2].to]);
    expect(bye.flatMap((b) => b.to)).toEqual(items[1].to);
    // Batches are numbered as they are opened.
    expect(plan.map((b) => b.index)).toEqual(plan.map((_, i) => i));
    // Item 0's seven recipients open three batches before item 1 opens the first bye batch.
    expect(plan.slice(0, 4).map((b) => b.text)).toEqual(['hello', 'hello', 'hello', 'bye']);
  });

  it('records where every recipient came from', () => {
    const items: BulkItem[] = [
      { to: ['111', '222'], text: 'a' },
      { to: ['333'], text: 'b' },
      { to: ['444', '555'], text: 'a' },
    ];
    for (const batch of planBatches(items, 2)) {
      batch.slots.forEach((slot, i) => expect(items[slot.item].to[slot.position]).toBe(batch.to[i]));
    }
  });

  it('groups by options too: same options in any key order are one group, different options are not', () => {
    const at = new Date('2030-01-02T03:04:05.000Z');
    const items: BulkItem[] = [
      { to: ['1'], text: 't', options: { from: 'ACME', mo: true, scheduledAt: at } },
      { to: ['2'], text: 't', options: { scheduledAt: new Date(at.getTime()), mo: true, from: 'ACME', country: undefined } },
      { to: ['3'], text: 't', options: { from: 'ACME', mo: false, scheduledAt: at } },
      { to: ['4'], text: 't', options: { from: 'ACME', mo: true, scheduledAt: new Date(at.getTime() + 1000) } },
      { to: ['5'], text: 't' },
      { to: ['6'], text: 't', options: {} },
    ];
    const plan = planBatches(items, 100);
    expect(plan.map((b) => b.to)).toEqual([['1', '2'], ['3'], ['4'], ['5', '6']]);
    expect(plan[0].options).toBe(items[0].options);
  });

  it('puts a repeated number into another batch and never drops it', () => {
    const plan = planBatches([{ to: ['27821', '27822', '27821', '27821'], text: 'x' }], 10);
    expect(plan.map((b) => b.to)).toEqual([['27821', '27822'], ['27821'], ['27821']]);
  });

  it('treats spellings of one number as duplicates', () => {
    const plan = planBatches([{ to: ['+27 82 123 4567', '0027821234567', '27821234567'], text: 'x' }], 10);
    expect(plan).toHaveLength(3);
    expect(recipientKey('+27 (82) 123-4567')).toBe('27821234567');
    expect(recipientKey('0027821234567')).toBe('27821234567');
  });

  it('fills earlier batches first when a duplicate forced a new one', () => {
    const plan = planBatches([{ to: ['a1', 'b2', 'c3', 'a1'], text: 'x' }], 2);
    expect(plan.map((b) => b.to)).toEqual([['a1', 'b2'], ['c3', 'a1']]);
    const plan2 = planBatches([{ to: ['11', '11', '22', '33', '44'], text: 'x' }], 2);
    expect(plan2.map((b) => b.to)).toEqual([['11', '22'], ['11', '33'], ['44']]);
  });

  it('keeps the duplicate rule when numbers in ascending order are followed by a repeat', () => {
    // In-order numbers are placed without the duplicate map; a repeat must still see the earlier ones.
    const plan = planBatches([{ to: ['11', '22', '33', '22', '44', '11'], text: 'x' }], 4);
    expect(plan.map((b) => b.to)).toEqual([['11', '22', '33', '44'], ['22', '11']]);
    // After a full batch: a repeat of a number in the open batch needs a new one, a repeat of a number
    // only in the full batch does not.
    const plan2 = planBatches([{ to: ['11', '22', '33', '44', '33', '44', '55'], text: 'x' }], 3);
    expect(plan2.map((b) => b.to)).toEqual([['11', '22', '33'], ['44', '33', '55'], ['44']]);
  });

  it('spreads duplicates across the items of a group but not across groups', () => {
    const plan = planBatches(
      [
        { to: ['11'], text: 'x' },
        { to: ['11'], text: 'y' },
        { to: ['11'], text: 'x' },
      ],
      10,
    );
    expect(plan.map((b) => [b.text, b.to])).toEqual([
      ['x', ['11']],
      ['y', ['11']],
      ['x', ['11']],
    ]);
  });

  it('handles one number repeated thousands of times', () => {
    const plan = planBatches([{ to: Array.from({ length: 5000 }, () => '27820000000'), text: 'x' }], 500);
    expect(plan).toHaveLength(5000);
    expect(plan.every((b) => b.to.length === 1)).toBe(true);
  });

  it('returns no batch for items without recipients', () => {
    expect(planBatches([{ to: [], text: 'x' }], 5)).toEqual([]);
  });

  it('rejects a bad limit or item, naming the field', () => {
    const field = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        return (error as GatewayError).field;
      }
      return undefined;
    };
    expect(field(() => planBatches([], 0))).toBe('maxPerRequest');
    expect(field(() => planBatches([], 1.5))).toBe('maxPerRequest');
    expect(field(() => planBatches([{ to: '123' as unknown as string[], text: 'x' }], 5))).toBe('items[0].to');
    expect(field(() => planBatches([{ to: ['1'], text: 'x' }, { to: ['1', 2 as unknown as string], text: 'x' }], 5))).toBe('items[1].to[1]');
    expect(field(() => planBatches([{ to: ['1'], text: undefined as unknown as string }], 5))).toBe('items[0].text');
  });
});

describe('sendKey', () => {
  it('is independent of key order and undefined fields, and tells Dates from strings', () => {
    expect(sendKey('t', { from: 'A', mo: true })).toBe(sendKey('t', { mo: true, from: 'A', udh: undefined }));
    expect(sendKey('t', undefined)).toBe(sendKey('t', {}));
    expect(sendKey('t', { from: 'A' })).not.toBe(sendKey('u', { from: 'A' }));
    const at = new Date('2030-01-01T00:00:00.000Z');
    expect(sendKey('t', { scheduledAt: at })).not.toBe(sendKey('t', { scheduledAt: at.toISOString() as unknown as Date }));
  });
});
