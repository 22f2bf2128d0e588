/**
 * The web page's script, plain ES2020 served as it is (no build step, no library). It reads the
 * snapshot (sandbox/web/snapshot.ts) from the event stream /sandbox/events, falling back to polling
 * /sandbox/snapshot, and acts through the sandbox's JSON API: POST /sandbox/inbound for a reply,
 * POST/DELETE /sandbox/faults for the fault switches, POST /sandbox/reset.
 * Every value from the sandbox goes onto the page through textContent or an attribute, never as markup.
 * (Kept free of backticks and dollar-brace so it can live in this template literal unchanged.)
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';

  var API_NAMES = { 'clickatell-http': 'Clickatell HTTP', 'clickatell-rest': 'Clickatell REST', 'clickatell-platform': 'Clickatell Platform', 'clickatell-one': 'Clickatell One API', clicksend: 'ClickSend', 'clicksend-v3': 'ClickSend REST v3' };
  var FAULT_SWITCHES = [
    { kind: '429', label: 'Rate limited: 429 Too Many Requests', spec: { kind: '429', retryAfterSeconds: 1 } },
    { kind: '503', label: 'Unavailable: 503 with the API\'s temporary error', spec: { kind: '503' } },
    { kind: 'latency', label: 'Slow: every request waits 3 s', spec: { kind: 'latency', latencyMs: 3000 } },
    { kind: 'reset', label: 'Drop: the connection closes without an answer', spec: { kind: 'reset' } },
    { kind: 'session-expiry', label: 'Session expiry: Clickatell sessions have expired (ERR: 003)', spec: { kind: 'session-expiry' } }
  ];
  var TABS = ['phones', 'traffic', 'accounts'];

  var data = null;
  var selected = null;
  var openDetails = new Set();

  function byId(id) { return document.getElementById(id); }

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === 'text') node.textContent = String(value);
        else if (name === 'className') node.className = value;
        else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function digits(number) { return String(number || '').replace(/^\+/, ''); }
  function pad(n, size) { var s = String(n); while (s.length < size) s = '0' + s; return s; }
  function clock(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
  }
  function seconds(value) { return value >= 10 ? Math.round(value) + ' s' : (Math.round(value * 100) / 100) + ' s'; }
  function apiName(api) { return API_NAMES[api] || (api === 'sandbox' ? 'Sandbox' : api || '—'); }
  function plural(n, word) { return n + ' ' + (n === 1 ? word : word === 'reply' ? 'replies' : word + 's'); }

  function notice(id, text, isError) {
    var node = byId(id);
    node.textContent = text || '';
    node.className = 'notice' + (isError ? ' error' : '');
  }

  // Data -----------------------------------------------------------------------------------------

  function request(method, path, body) {
    var init = { method: method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        if (!response.ok) throw new Error((parsed && parsed.error) || ('HTTP ' + response.status));
        return parsed;
      });
    });
  }

  function refresh() {
    return request('GET', '/sandbox/snapshot').then(render);
  }

  function connect() {
    var live = byId('live');
    if (typeof EventSource !== 'function') {
      live.textContent = 'Polling every 2 s';
      refresh();
      setInterval(refresh, 2000);
      return;
    }
    var source = new EventSource('/sandbox/events');
    source.addEventListener('snapshot', function (event) {
      live.textContent = 'Live';
      live.className = 'live on';
      render(JSON.parse(event.data));
    });
    source.addEventListener('error', function () {
      live.textContent = 'Reconnecting…';
      live.className = 'live off';
    });
  }

  // Phones ---------------------------------------------------------------------------------------

  /** One conversation per number: messages sent to it (the handset receives them) and its replies. */
  function conversations(snapshot) {
    var phones = new Map();
    function phone(number) {
      var key = digits(number);
      var entry = phones.get(key);
      if (!entry) {
        entry = { key: key, shown: '+' + key, items: [], last: '' };
        phones.set(key, entry);
      }
      return entry;
    }
    snapshot.messages.forEach(function (message) {
      var entry = phone(message.to);
      entry.items.push({ received: true, at: message.createdAt, message: message });
      if (message.createdAt > entry.last) entry.last = message.createdAt;
    });
    snapshot.inbound.forEach(function (record) {
      var entry = phone(record.from);
      entry.items.push({ received: false, at: record.receivedAt, inbound: record });
      if (record.receivedAt > entry.last) entry.last = record.receivedAt;
    });
    var list = Array.from(phones.values());
    list.forEach(function (entry) { entry.items.sort(function (a, b) { return a.at < b.at ? -1 : a.at > b.at ? 1 : 0; }); });
    list.sort(function (a, b) { return a.last < b.last ? 1 : a.last > b.last ? -1 : 0; });
    return list;
  }

  function chargeText(message) {
    if (message.provider === 'clicksend') return 'price ' + message.price + (message.charge === 0 ? ' (not charged)' : '');
    return message.charge + ' credit' + (message.charge === 1 ? '' : 's');
  }

  function historyText(message) {
    return message.history.map(function (step) {
      var info = data.statuses[step.status];
      return (info ? info.state : step.status) + ' ' + clock(step.at);
    }).join(' → ');
  }

  function receivedBubble(message) {
    var meta = [apiName(message.provider), 'from ' + (message.from || '(default sender)'), message.encoding, plural(message.parts, 'part'), chargeText(message)];
    if (message.clientReference) meta.push('ref ' + message.clientReference);
    return el('li', { className: 'bubble received', 'data-message-id': message.id, 'data-state': message.state }, [
      el('p', { className: 'text', text: message.text }),
      el('p', { className: 'meta', text: meta.join(' · ') }),
      el('p', { className: 'status state-' + message.state, 'data-role': 'status' }, [
        el('span', { className: 'badge', text: message.state }),
        ' ' + message.status + ' ' + message.statusDescription + (message.clicksendStatus ? ' · ClickSend: ' + message.clicksendStatus : '') + (message.oneApiStatus ? ' · One API: ' + message.oneApiStatus : '')
      ]),
      el('p', { className: 'history', text: historyText(message) }),
      callbacksLine(message),
      message.replacedCharacters ? el('p', { className: 'meta warn', text: 'Not in GSM-7, sent as ?: ' + message.replacedCharacters.join(' ') }) : null
    ]);
  }

  /** The status callbacks / delivery reports pushed for this message, and what the user's server answered. */
  function callbacksLine(message) {
    var pushed = data.callbacks.filter(function (c) { return c.messageId === message.id && (c.kind === 'clickatell-status' || c.kind === 'clicksend-delivery'); });
    if (!pushed.length) return null;
    return el('p', { className: 'meta', 'data-role': 'callbacks', text: 'callbacks: ' + pushed.map(function (c) {
      var last = c.attempts[c.attempts.length - 1];
      return c.payload.status + ' ' + c.state + (last ? ' (' + (last.httpStatus !== null ? 'HTTP ' + last.httpStatus : last.error) + ')' : '');
    }).join(', ') });
  }

  function sentBubble(record) {
    var callback = data.callbacks.filter(function (c) {
      return (c.kind === 'clickatell-inbound' && c.payload.moMsgId === record.id) || (c.kind === 'clicksend-reply' && c.payload.message === record.text && digits(c.payload.from) === digits(record.from));
    }).pop();
    var pushed = callback ? 'pushed to ' + callback.url + ': ' + callback.state + (callback.attempts.length ? ' (' + attemptText(callback.attempts[callback.attempts.length - 1]) + ')' : '') : 'no inbound URL set on the account: nothing pushed';
    return el('li', { className: 'bubble sent', 'data-inbound-id': record.id }, [
      el('p', { className: 'text', text: record.text }),
      el('p', { className: 'meta', text: 'to ' + (record.to || '(account)') + ' · ' + apiName(record.provider) + ' · ' + clock(record.receivedAt) }),
      el('p', { className: 'meta', 'data-role': 'pushed', text: pushed })
    ]);
  }

  function renderPhones(snapshot) {
    var list = conversations(snapshot);
    byId('count-phones').textContent = list.length ? '(' + list.length + ')' : '';
    byId('phones-empty').hidden = list.length > 0;
    if (selected === null && list.length) selected = list[0].key;
    var phoneList = byId('phone-list');
    var focused = document.activeElement && document.activeElement.getAttribute('data-phone');
    clear(phoneList);
    list.forEach(function (entry) {
      var last = entry.items[entry.items.length - 1];
      var preview = last.message ? last.message.text : last.inbound.text;
      var state = last.message ? last.message.state : 'replied';
      var button = el('button', {
        type: 'button', className: 'phone' + (entry.key === selected ? ' selected' : ''), 'data-phone': entry.key,
        'aria-current': entry.key === selected ? 'true' : null,
        onclick: function () { selected = entry.key; render(data); byId('reply-text').focus(); }
      }, [
        el('span', { className: 'number', text: entry.shown }),
        el('span', { className: 'badge state-' + state, text: state }),
        el('span', { className: 'preview', text: preview })
      ]);
      phoneList.appendChild(el('li', null, [button]));
      if (focused === entry.key) button.focus();
    });
    var current = list.filter(function (entry) { return entry.key === selected; })[0];
    var thread = byId('thread');
    clear(thread);
    byId('reply-form').hidden = !current;
    if (!current) {
      byId('conversation-title').textContent = 'Choose a phone';
      byId('conversation-meta').textContent = '';
      return;
    }
    byId('conversation-title').textContent = current.shown;
    var sent = current.items.filter(function (item) { return item.received; }).length;
    byId('conversation-meta').textContent = plural(sent, 'message') + ' to this phone, ' + plural(current.items.length - sent, 'reply') + ' from it';
    current.items.forEach(function (item) { thread.appendChild(item.received ? receivedBubble(item.message) : sentBubble(item.inbound)); });
  }

  /** The reply goes through POST /sandbox/inbound, like any script's: a reply to the newest message to this phone. */
  function sendReply(text) {
    var current = conversations(data).filter(function (entry) { return entry.key === selected; })[0];
    if (!current) return Promise.resolve();
    var lastSent = current.items.filter(function (item) { return item.received; }).pop();
    var lastReply = current.items.filter(function (item) { return !item.received; }).pop();
    var body = lastSent
      ? { provider: lastSent.message.provider, replyTo: lastSent.message.id, text: text }
      : { provider: lastReply.inbound.provider, account: lastReply.inbound.account, from: current.shown, text: text };
    return request('POST', '/sandbox/inbound', body);
  }

  // Traffic --------------------------------------------------------------------------------------

  function attemptText(attempt) {
    return '#' + attempt.attempt + ' ' + (attempt.httpStatus !== null ? 'HTTP ' + attempt.httpStatus : attempt.error) + ' at ' + clock(attempt.at);
  }

  function details(key, summary, rows, answer) {
    var node = el('details', { 'data-key': key, open: openDetails.has(key) }, [
      el('summary', { text: summary }),
      rows.length ? el('dl', null, rows.reduce(function (all, row) { return all.concat([el('dt', { text: row[0] }), el('dd', { text: row[1] })]); }, [])) : null,
      answer ? el('pre', { text: answer }) : null
    ]);
    node.addEventListener('toggle', function () { if (node.open) openDetails.add(key); else openDetails.delete(key); });
    return node;
  }

  function renderTraffic(snapshot) {
    var body = byId('requests').tBodies[0];
    clear(body);
    byId('count-traffic').textContent = snapshot.traffic.length ? '(' + snapshot.traffic.length + ')' : '';
    snapshot.traffic.slice().reverse().forEach(function (entry) {
      var status = entry.outcome === 'pending' ? 'pending' : entry.outcome === 'dropped' ? 'dropped (no answer)' : String(entry.status);
      var failed = entry.outcome === 'dropped' || (entry.status !== null && entry.status >= 400) || /^ERR|"error"|<result>2[1-9]/.test(entry.answer);
      body.appendChild(el('tr', { 'data-traffic-id': entry.id, 'data-api': entry.api || '', className: failed ? 'failed' : null }, [
        el('td', { text: clock(entry.at) }),
        el('td', { text: apiName(entry.api) }),
        el('td', { text: entry.route }),
        el('td', null, [status].concat(entry.faults.map(function (kind) { return el('span', { className: 'badge fault', text: 'fault ' + kind }); }))),
        el('td', { text: entry.durationMs === null ? '' : entry.durationMs + ' ms' }),
        el('td', null, [details('t' + entry.id, entry.method + ' ' + entry.path, entry.params, entry.answer)])
      ]));
    });
    var callbacks = byId('callbacks').tBodies[0];
    clear(callbacks);
    snapshot.callbacks.slice().reverse().forEach(function (record) {
      var retries = record.nextAttemptAt ? 'next at ' + clock(record.nextAttemptAt) : record.state === 'failed' ? 'gave up' : '—';
      var schedule = 'after a failure: ' + record.retryScheduleSeconds.map(seconds).join(', ');
      callbacks.appendChild(el('tr', { 'data-callback-id': record.id, 'data-state': record.state, className: record.state === 'failed' || record.state === 'retrying' ? 'failed' : null }, [
        el('td', { text: clock(record.createdAt) }),
        el('td', { text: record.kind }),
        el('td', null, [details('c' + record.id, record.method + ' ' + record.url, Object.keys(record.payload).map(function (name) { return [name, record.payload[name]]; }), '')]),
        el('td', { text: record.attempts.length + ' of ' + record.maxAttempts + (record.attempts.length ? ': ' + record.attempts.map(attemptText).join('; ') : '') }),
        el('td', null, [el('span', { className: 'badge cb-' + record.state, text: record.state })]),
        el('td', { text: retries, title: schedule })
      ]));
    });
  }

  // Accounts and faults --------------------------------------------------------------------------

  function renderAccounts(snapshot) {
    var body = byId('accounts').tBodies[0];
    clear(body);
    snapshot.accounts.forEach(function (account) {
      var login = account.provider === 'clicksend' ? 'username ' + account.username : account.provider === 'clickatell-http' ? 'api_id ' + account.apiId + ', user ' + account.user : account.provider === 'clickatell-platform' ? 'API key (' + (account.integrationName || account.id) + ')' : 'api_id ' + account.apiId + ', token';
      body.appendChild(el('tr', { 'data-account': account.id }, [
        el('th', { scope: 'row', text: account.id }),
        el('td', { text: apiName(account.provider) }),
        el('td', { text: login }),
        el('td', { className: 'balance', text: String(account.balance) }),
        el('td', { text: account.status || 'active' })
      ]));
    });
    var scope = byId('fault-api').value || null;
    var switches = byId('fault-switches');
    var focused = document.activeElement && document.activeElement.getAttribute('data-fault');
    clear(switches);
    FAULT_SWITCHES.forEach(function (item) {
      var matching = snapshot.faults.filter(function (fault) { return fault.kind === item.kind && fault.api === scope; });
      var id = 'fault-' + item.kind;
      var input = el('input', {
        type: 'checkbox', role: 'switch', id: id, 'data-fault': item.kind, checked: matching.length > 0, 'aria-checked': matching.length > 0 ? 'true' : 'false',
        onchange: function () { toggleFault(item, scope, matching, input.checked); }
      });
      switches.appendChild(el('li', null, [input, el('label', { for: id, text: item.label })]));
      if (focused === item.kind) input.focus();
    });
    byId('count-faults').textContent = snapshot.faults.length ? '(' + plural(snapshot.faults.length, 'fault') + ')' : '';
    byId('faults-empty').hidden = snapshot.faults.length > 0;
    var list = byId('fault-list');
    clear(list);
    snapshot.faults.forEach(function (fault) {
      var text = fault.kind + ' on ' + (fault.api ? apiName(fault.api) : 'all APIs') + (fault.route ? ' (' + fault.route + ')' : '') +
        (fault.kind === 'latency' ? ', ' + fault.latencyMs + ' ms' : '') + (fault.remaining !== null ? ', ' + fault.remaining + ' left' : '') + ' · ' + plural(fault.hits, 'hit');
      list.appendChild(el('li', { 'data-fault-id': fault.id }, [
        el('span', { text: text + ' ' }),
        el('button', { type: 'button', 'aria-label': 'Remove fault ' + fault.id + ' (' + fault.kind + ')', text: 'Remove', onclick: function () { act(request('DELETE', '/sandbox/faults/' + encodeURIComponent(fault.id)), 'accounts-notice', 'Fault removed.'); } })
      ]));
    });
  }

  function toggleFault(item, scope, existing, on) {
    var done;
    if (on) {
      var spec = Object.assign({}, item.spec);
      if (scope) spec.api = scope;
      done = request('POST', '/sandbox/faults', spec);
    } else {
      done = Promise.all(existing.map(function (fault) { return request('DELETE', '/sandbox/faults/' + encodeURIComponent(fault.id)); }));
    }
    act(done, 'accounts-notice', (on ? 'On: ' : 'Off: ') + item.label);
  }

  /** Run an action, say how it went, and show the result at once instead of waiting for the next event. */
  function act(promise, noticeId, success) {
    return promise.then(function () {
      notice(noticeId, success, false);
      return refresh();
    }, function (error) {
      notice(noticeId, 'The sandbox refused: ' + error.message, true);
      return refresh();
    });
  }

  // Page -----------------------------------------------------------------------------------------

  function render(snapshot) {
    if (!snapshot) return;
    data = snapshot;
    var totals = snapshot.totals;
    byId('totals').textContent = plural(totals.messagesSent, 'message') + ' sent · ' + plural(totals.requests, 'request') + ' · time factor ' + totals.timeFactor;
    renderPhones(snapshot);
    renderTraffic(snapshot);
    renderAccounts(snapshot);
  }

  function selectTab(name, focus) {
    TABS.forEach(function (tab) {
      var button = byId('tab-' + tab);
      var on = tab === name;
      button.setAttribute('aria-selected', on ? 'true' : 'false');
      button.tabIndex = on ? 0 : -1;
      byId('view-' + tab).hidden = !on;
      if (on && focus) button.focus();
    });
    if (history.replaceState) history.replaceState(null, '', '#' + name);
  }

  function start() {
    TABS.forEach(function (tab, index) {
      var button = byId('tab-' + tab);
      button.addEventListener('click', function () { selectTab(tab, false); });
      button.addEventListener('keydown', function (event) {
        var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        selectTab(TABS[(index + step + TABS.length) % TABS.length], true);
      });
    });
    var wanted = location.hash.replace('#', '');
    selectTab(TABS.indexOf(wanted) >= 0 ? wanted : 'phones', false);

    byId('reply-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = byId('reply-text');
      var text = input.value;
      if (!text) return;
      act(sendReply(text).then(function () { input.value = ''; }), 'phones-notice', 'Reply sent from ' + (selected ? '+' + selected : 'the phone') + '.');
    });
    byId('new-phone').addEventListener('submit', function (event) {
      event.preventDefault();
      var from = byId('new-from').value;
      var body = { provider: byId('new-provider').value, from: from, text: byId('new-text').value };
      act(request('POST', '/sandbox/inbound', body).then(function () {
        selected = digits(from).replace(/[^0-9]/g, '');
        byId('new-text').value = '';
      }), 'phones-notice', 'Sent from ' + from + '.');
    });
    byId('reset').addEventListener('click', function () {
      selected = null;
      act(request('POST', '/sandbox/reset'), 'accounts-notice', 'The sandbox was reset.');
    });
    byId('fault-api').addEventListener('change', function () { if (data) renderAccounts(data); });
    connect();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
