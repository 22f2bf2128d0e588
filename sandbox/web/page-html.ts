/**
 * The web page's markup. Static: every value is filled in by page-script.ts as text (never as markup),
 * so a message's text cannot inject anything. Ids and aria labels are what the browser test uses.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMS sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/page.css">
<script src="/ui/page.js" defer></script>
</head>
<body>
<header class="top">
  <h1>SMS sandbox</h1>
  <p class="totals" id="totals"></p>
  <p class="live" id="live" role="status" aria-live="polite">Connecting…</p>
</header>
<nav class="tabs" role="tablist" aria-label="Views">
  <button type="button" role="tab" id="tab-phones" aria-controls="view-phones" aria-selected="true">Phones <span class="count" id="count-phones"></span></button>
  <button type="button" role="tab" id="tab-traffic" aria-controls="view-traffic" aria-selected="false" tabindex="-1">Traffic <span class="count" id="count-traffic"></span></button>
  <button type="button" role="tab" id="tab-accounts" aria-controls="view-accounts" aria-selected="false" tabindex="-1">Accounts &amp; faults <span class="count" id="count-faults"></span></button>
</nav>
<main>
  <section id="view-phones" class="view phones" role="tabpanel" aria-labelledby="tab-phones">
    <div class="phone-list">
      <h2 class="sr-only">Phones</h2>
      <p class="empty" id="phones-empty">No messages yet. Send one through a node, or write from a handset below.</p>
      <ul id="phone-list" aria-label="Phones, newest first"></ul>
    </div>
    <section class="conversation" aria-labelledby="conversation-title">
      <h2 id="conversation-title">Choose a phone</h2>
      <p class="conversation-meta" id="conversation-meta"></p>
      <ol id="thread" class="thread" aria-label="Messages with this phone"></ol>
      <form id="reply-form" class="reply" hidden>
        <label for="reply-text" class="sr-only">Reply from this phone</label>
        <input id="reply-text" autocomplete="off" placeholder="Reply from this phone" required>
        <button type="submit" id="reply-send">Send reply</button>
      </form>
      <p class="notice" id="phones-notice" role="status" aria-live="polite"></p>
    </section>
    <form id="new-phone" class="card" aria-labelledby="new-phone-title">
      <h3 id="new-phone-title">A handset writes first</h3>
      <label for="new-provider">To the account of</label>
      <select id="new-provider">
        <option value="clickatell-http">Clickatell HTTP</option>
        <option value="clickatell-rest">Clickatell REST</option>
        <option value="clickatell-platform">Clickatell Platform</option>
        <option value="clickatell-one">Clickatell One API</option>
        <option value="clicksend">ClickSend</option>
      </select>
      <label for="new-from">From number</label>
      <input id="new-from" inputmode="tel" autocomplete="off" placeholder="+61412345678" required>
      <label for="new-text">Text</label>
      <input id="new-text" autocomplete="off" required>
      <button type="submit">Send from this handset</button>
    </form>
  </section>

  <section id="view-traffic" class="view" role="tabpanel" aria-labelledby="tab-traffic" hidden>
    <h2>API requests</h2>
    <p class="hint">Newest first. Passwords, tokens, keys and session ids are masked (••••).</p>
    <div class="table-wrap">
      <table id="requests" aria-label="API requests">
        <thead><tr><th scope="col">Time</th><th scope="col">API</th><th scope="col">Command</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Details</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <h2>Callbacks the sandbox sent</h2>
    <div class="table-wrap">
      <table id="callbacks" aria-label="Callbacks">
        <thead><tr><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Target</th><th scope="col">Attempts</th><th scope="col">State</th><th scope="col">Retries</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>

  <section id="view-accounts" class="view" role="tabpanel" aria-labelledby="tab-accounts" hidden>
    <h2>Balances</h2>
    <div class="table-wrap">
      <table id="accounts" aria-label="Accounts">
        <thead><tr><th scope="col">Account</th><th scope="col">API</th><th scope="col">Login</th><th scope="col">Balance</th><th scope="col">Status</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <p><button type="button" id="reset" class="danger">Reset the sandbox</button>
    <span class="hint">Forgets messages, callbacks, sessions and traffic; balances and faults as configured.</span></p>
    <h2>Faults</h2>
    <form id="faults-form" class="card">
      <label for="fault-api">Which API</label>
      <select id="fault-api">
        <option value="">All APIs</option>
        <option value="clickatell-http">Clickatell HTTP</option>
        <option value="clickatell-rest">Clickatell REST</option>
        <option value="clickatell-platform">Clickatell Platform</option>
        <option value="clickatell-one">Clickatell One API</option>
        <option value="clicksend">ClickSend</option>
      </select>
      <fieldset>
        <legend>Switch a fault on; every matching request meets it until you switch it off</legend>
        <ul class="switches" id="fault-switches"></ul>
      </fieldset>
    </form>
    <h3>Faults in force</h3>
    <p class="empty" id="faults-empty">None.</p>
    <ul id="fault-list"></ul>
    <p class="notice" id="accounts-notice" role="status" aria-live="polite"></p>
  </section>
</main>
</body>
</html>
`;
