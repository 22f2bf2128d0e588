/**
 * The web page's stylesheet: one column on a phone, the phone list beside the conversation from 800 px.
 * Colours keep a contrast of at least 4.5:1 for text; states are told by words as well as colours.
 */
export const PAGE_CSS = String.raw`:root {
  --ink: #1d2430; --muted: #566074; --line: #d5dae3; --paper: #ffffff; --wash: #f3f5f8;
  --accent: #1f5fbf; --ok: #1b7a3d; --warn: #8a5a00; --bad: #b3261e; --received: #eef1f6; --sent: #1f5fbf;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; font-size: 15px; line-height: 1.4; }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
h3 { font-size: 1rem; margin: .75rem 0 .5rem; }
button, input, select { font: inherit; }
button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 6px; padding: .4rem .8rem; }
button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
button.danger { background: var(--bad); border-color: var(--bad); }
input, select { border: 1px solid #8a93a5; border-radius: 6px; padding: .4rem .5rem; background: #fff; color: var(--ink); min-width: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; padding: .75rem 1rem; background: var(--paper); border-bottom: 1px solid var(--line); }
.totals { margin: 0; color: var(--muted); font-size: .9rem; }
.live { margin: 0 0 0 auto; font-size: .9rem; color: var(--muted); }
.live.on::before { content: "● "; color: var(--ok); }
.live.off::before { content: "● "; color: var(--bad); }
.tabs { display: flex; gap: .25rem; padding: .5rem 1rem 0; background: var(--paper); border-bottom: 1px solid var(--line); overflow-x: auto; }
.tabs [role="tab"] { background: transparent; color: var(--ink); border: 0; border-bottom: 3px solid transparent; border-radius: 0; padding: .5rem .75rem; white-space: nowrap; }
.tabs [role="tab"][aria-selected="true"] { border-bottom-color: var(--accent); color: var(--accent); font-weight: 600; }
.count { color: var(--muted); font-weight: normal; }
main { padding: .75rem 1rem 2rem; max-width: 1200px; margin: 0 auto; }
.view[hidden] { display: none; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; margin: .75rem 0; display: grid; gap: .35rem; }
.card h3 { margin: 0 0 .25rem; }
#faults-form select { justify-self: start; min-width: 14rem; max-width: 100%; }
.hint, .empty { color: var(--muted); font-size: .9rem; }
.notice { min-height: 1.4em; font-size: .9rem; color: var(--ok); }
.notice.error { color: var(--bad); }

.phones { display: grid; gap: 1rem; }
/* On a phone: the list, the conversation, then the form; on a desktop the form sits under the list. */
@media (min-width: 800px) {
  .phones { grid-template-columns: minmax(220px, 300px) 1fr; grid-template-rows: auto 1fr; align-items: start; }
  .phone-list { grid-column: 1; grid-row: 1; }
  .conversation { grid-column: 2; grid-row: 1 / span 2; }
  #new-phone { grid-column: 1; grid-row: 2; margin: 0; }
}
#phone-list { list-style: none; margin: 0; padding: 0; display: grid; gap: .35rem; }
.phone { width: 100%; text-align: left; display: grid; grid-template-columns: 1fr auto; gap: .1rem .5rem; background: var(--paper); color: var(--ink); border: 1px solid var(--line); }
.phone.selected { border-color: var(--accent); box-shadow: inset 3px 0 0 var(--accent); }
.phone .number { font-weight: 600; }
.phone .preview { grid-column: 1 / -1; color: var(--muted); font-size: .85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.conversation { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: .75rem; min-height: 12rem; }
.conversation h2 { margin-top: 0; }
.conversation-meta { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.thread { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .6rem; }
.bubble { max-width: min(34rem, 92%); border-radius: 14px; padding: .5rem .75rem; }
.bubble p { margin: .15rem 0; overflow-wrap: anywhere; }
.bubble.received { align-self: flex-start; background: var(--received); border-bottom-left-radius: 4px; }
.bubble.sent { align-self: flex-end; background: var(--sent); color: #fff; border-bottom-right-radius: 4px; }
.bubble .text { font-size: 1rem; white-space: pre-wrap; }
.bubble .meta, .bubble .history { font-size: .8rem; color: var(--muted); }
.bubble.sent .meta { color: #e6edf9; }
.warn { color: var(--warn) !important; }
.reply { display: flex; gap: .5rem; margin-top: .75rem; }
.reply input { flex: 1; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; border-radius: 999px; padding: .05rem .5rem; background: #e3e7ee; color: var(--ink); }
.state-delivered .badge, .badge.state-delivered, .badge.cb-delivered { background: #d7f0df; color: var(--ok); }
.state-failed .badge, .badge.state-failed, .state-expired .badge, .badge.state-expired, .badge.cb-failed { background: #f8dcda; color: var(--bad); }
.state-cancelled .badge, .badge.state-cancelled, .badge.cb-retrying { background: #fbeccb; color: var(--warn); }
.state-sent .badge, .badge.state-sent, .badge.state-replied { background: #dde8fa; color: var(--accent); }
.badge.fault { background: #f8dcda; color: var(--bad); margin-left: .35rem; }

.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--wash); position: sticky; top: 0; }
tr.failed td:nth-child(4) { color: var(--bad); font-weight: 600; }
td .balance, td.balance { font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; overflow-wrap: anywhere; }
details dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: .4rem 0; }
details dt { color: var(--muted); }
details dd { margin: 0; overflow-wrap: anywhere; }
details pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--wash); padding: .4rem; border-radius: 6px; margin: .25rem 0; max-height: 12rem; overflow: auto; }
fieldset { border: 0; padding: 0; margin: .5rem 0 0; }
legend { font-weight: 600; margin-bottom: .25rem; }
.switches { list-style: none; margin: 0; padding: 0; display: grid; gap: .4rem; }
.switches li { display: flex; align-items: center; gap: .5rem; }
.switches input { width: 1.25rem; height: 1.25rem; accent-color: var(--bad); }
#fault-list { padding-left: 1.2rem; }
#fault-list button { margin-left: .5rem; padding: .1rem .5rem; }
@media (max-width: 520px) {
  main { padding: .5rem; }
  th, td { padding: .35rem .4rem; }
  .live { margin-left: 0; }
}
`;
