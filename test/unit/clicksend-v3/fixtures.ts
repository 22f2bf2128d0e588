/**
 * Answers and pushes in the shapes ClickSend's documents print (../shared/specs/clicksend-rest-api-v3.md):
 * C1 = ClickSend's apiary document (OpenAPI conversion), C4 = developers.clicksend.com, C8 = ClickSend's own
 * n8n trigger. Verbatim: the C8 inbound push, the cancel answers, the rule list of the docs site, and the
 * values the digest quotes from C1's send and account examples. Elsewhere the field names and value forms
 * (strings vs numbers) are C1's and the values are illustrative.
 */

/** C1 §1: every successful answer is this envelope around its `data`. */
function success<Data>(responseMsg: string, data: Data) {
  return { http_code: 200, response_code: 'SUCCESS', response_msg: responseMsg, data };
}

/** C1 §1's paginated `data` on page 1 (15 per page): the records shown and the total they are part of. */
function firstPage<T>(records: T[], total: number = records.length) {
  const lastPage = Math.max(1, Math.ceil(total / 15));
  return { total, per_page: 15, current_page: 1, last_page: lastPage, next_page_url: lastPage > 1 ? '/?page=2' : null, prev_page_url: null, from: 1, to: Math.min(total, 15), data: records };
}

/** A message of C1 §2.2's send example: what its messages share, then the fields that differ. */
function sentMessage(fields: { to: string; from: string; schedule: number; message_id: string }) {
  const { to, from, schedule, message_id } = fields;
  return {
    direction: 'out',
    date: 1436871253,
    to,
    body: 'Jelly liquorice marshmallow candy carrot cake 4Eyffjs1vL.',
    from,
    schedule,
    message_id,
    message_parts: 1,
    message_price: 0.07,
    custom_string: 'this is a test',
    user_id: 1,
    subaccount_id: 1,
    country: 'AU',
    carrier: 'Telstra',
    status: 'SUCCESS',
  };
}

const USD = { currency_name_short: 'USD', currency_prefix_d: '$', currency_prefix_c: '¢', currency_name_long: 'US Dollars' };

/** C1 §2.2 send example (two inputs, list expanded to four messages; two shown here). */
export const SEND_RESPONSE = success('Messages queued for delivery.', {
  total_price: 0.14,
  total_count: 2,
  queued_count: 2,
  messages: [
    sentMessage({ to: '+61411111111', from: 'sendmobile', schedule: 1436874701, message_id: 'BF7AD270-0DE2-418B-B606-71D527D9C1AE' }),
    sentMessage({ to: '+61422222222', from: 'sendlist', schedule: 1436876011, message_id: 'D0C273EE-816D-4DF2-8E9D-9D9C65F168F3' }),
  ],
  currency: USD,
});

/** C1 §3 price example (shape: per-message price as a string, totals as numbers). */
export const PRICE_RESPONSE = success('Here are your data.', {
  total_price: 0.1132,
  total_count: 2,
  queued_count: 2,
  messages: [
    { to: '+61411111111', body: 'Hello', from: 'sendmobile', schedule: '', custom_string: '', country: 'AU', message_parts: 1, message_price: '0.0566', status: 'SUCCESS' },
    { to: '+61422222222', body: 'Hello', from: 'sendmobile', schedule: '', custom_string: '', country: 'AU', message_parts: 1, message_price: '0.0566', status: 'SUCCESS' },
  ],
  currency: USD,
});

/** C1 §6 account example (abridged to the fields a balance reads plus a few it must not copy). */
export const ACCOUNT_RESPONSE = success("Here's your account", {
  user_id: 3819,
  username: 'ULXHP',
  user_email: 'person@example.com',
  active: 1,
  banned: 0,
  balance: '1117.461060',
  balance_commission: '2.330130',
  country: 'AU',
  _currency: { currency_name_short: 'AUD', currency_prefix_d: '$', currency_prefix_c: 'c', currency_name_long: 'Australian Dollars' },
});

/** C1 §4 history record inside the paginated data of §1. */
const HISTORY_RECORDS = [
  {
    direction: 'out',
    date: '1436932432',
    to: '+61411111111',
    body: 'Jelly liquorice marshmallow candy carrot cake 4Eyffjs1vL.',
    from: 'sendmobile',
    schedule: '1436932432',
    message_id: '04A69CB4-44A2-4A46-A5A5-FDB3F8AC0C02',
    message_parts: '1.00',
    message_price: '0.070000',
    from_email: null,
    list_id: null,
    custom_string: 'this is a test',
    contact_id: null,
    user_id: '1',
    subaccount_id: '1',
    country: 'AU',
    carrier: 'Telstra',
    first_name: null,
    last_name: null,
    _api_username: 'johndoe',
    status: 'Sent',
    status_code: '201',
    status_text: 'Success: Message received on handset.',
    error_code: null,
    error_text: null,
  },
];
export const HISTORY_RESPONSE = success('Here is your history.', firstPage(HISTORY_RECORDS, 31));

/** C1 §4 inbound record. */
const INBOUND_RECORDS = [
  {
    timestamp: '1436174407',
    from: '+61411111111',
    body: 'Hello to you',
    original_body: 'Hi there',
    original_message_id: '2DBD3E54-D1EC-4AB3-9DA4-4AC1A5541F9E',
    to: '+61437887776',
    custom_string: 'my-ref',
    message_id: '9DB1DBCE-D0F5-4E30-A8B9-B8A53F8ED3EE',
    _keyword: 'hello',
  },
];
export const INBOUND_RESPONSE = success('Here are your data.', firstPage(INBOUND_RECORDS));

/** C1 §4 receipt records (the list uses `_message_type` and a numeric status_code). */
const RECEIPTS_RECORDS = [
  {
    timestamp_send: '1450854129',
    timestamp: '1450854130',
    message_id: '31BC271B-1E0C-45F6-9E7E-97186C46BB82',
    status_code: '201',
    status_text: 'Success: Message received on handset.',
    error_code: null,
    error_text: null,
    custom_string: null,
    _message_type: 'sms',
  },
];
export const RECEIPTS_RESPONSE = success('Here are your delivery receipts.', firstPage(RECEIPTS_RECORDS));

/** C1 §4 single receipt example: `message_type` without underscore, status word in status_code (§10 item 8). */
export const RECEIPT_RESPONSE = success('Here is your receipt.', {
  timestamp_send: '1441958441',
  timestamp: '1441958442',
  message_id: '1D8E6A55-0B4F-4E1A-8DB0-0E3F6A3C5A32',
  status_code: 'Completed',
  status_text: '',
  error_code: null,
  error_text: null,
  custom_string: null,
  message_type: 'sms',
});

/** C1 §5 cancel examples. */
export const CANCEL_RESPONSE = success('Message 307EF035-B7CE-4321-93CD-0753597B7293 has been cancelled.', []);
export const CANCEL_ALL_RESPONSE = success('5 messages has been cancelled.', { count: 5 });

/** The inbound push of C8 (webhook_type json), verbatim. */
export const INBOUND_PUSH_JSON = {
  originalsenderid: '+61477485926',
  body: 'trigger reply',
  message: 'trigger reply',
  sms: '+61429912603',
  from: '+61429912603',
  to: '+61477485926',
  timestamp: 1775012927,
  message_id: '1F12D781-99C1-6D94-96FE-F5A311C8997D',
  original_message_id: '1F12D717-947A-6FBC-BBFE-D14C2927CEEF',
  original_body: 'TESTING TRIGGER',
  user_id: 304497,
  subaccount_id: 745158,
  custom_string: '',
};

/** developers.clicksend.com/docs/automations/sms list example (ids named sms_inbound_rule_id). */
const INBOUND_RULES_RECORDS = [
  { sms_inbound_rule_id: 1, dedicated_number: '+61298441484', rule_name: 'My Rule 10', message_search_type: 3, message_search_term: 'My Search Term', action: 'CREATE_CONTACT_PLUS_EMAIL', action_address: '430', body: 'test@test.com', enabled: 1 },
  { sms_inbound_rule_id: 9, dedicated_number: '+61298441484', rule_name: 'My Rule 9', message_search_type: 3, message_search_term: 'My Search Term', action: 'CREATE_CONTACT', action_address: 'john@doe.com', body: null, enabled: 1 },
];
export const INBOUND_RULES_RESPONSE = success('Your list of inbound rules.', firstPage(INBOUND_RULES_RECORDS));
