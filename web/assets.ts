/**
 * The page's static files, served from /assets/ so the Content-Security-Policy can forbid
 * inline script and style outright (`'self'` only).
 */

const STYLE = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --warning: #7d4e00; --warning-bg: #fff8c5; --failure: #b91c1c;
  --failure-bg: #ffebe9; --line: #d0d7de; --muted: #57606a; --stripe: #f6f8fa; }
body { margin: 0; color: #1f2328; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC",
  "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header { background: #24292f; color: #fff; padding: .6rem 1rem; display: flex; gap: 1.5rem; align-items: center; }
header nav a { color: #d0d7de; margin-right: 1rem; text-decoration: none; }
header nav a[aria-current] { color: #fff; font-weight: 600; border-bottom: 2px solid #fff; }
main { padding: 0 1rem 2rem; max-width: 90rem; margin: 0 auto; }
h1 { font-size: 1.4rem; }
form.filters, form.reviewer { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0; }
form.filters label, form.reviewer label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--stripe); white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
.muted, .snippet, .copies { color: var(--muted); font-size: 12px; }
.reference { display: block; margin-top: 4px; font-size: 12px; user-select: all; }
.terms { color: var(--muted); font-size: 11px; }
.notice { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: var(--stripe); }
.badge { display: inline-block; border-radius: 1em; padding: 0 .6em; white-space: nowrap; font-size: 12px; }
.ok, .accept { color: var(--ok); background: var(--ok-bg); }
.warning, .shortlist { color: var(--warning); background: var(--warning-bg); }
.failure, .reject { color: var(--failure); background: var(--failure-bg); }
form.review { display: flex; gap: .25rem; flex-wrap: wrap; }
form.review input[name=note] { width: 9rem; }
textarea { width: 100%; min-height: 18rem; font-family: ui-monospace, monospace; }
iframe.report { width: 100%; height: 70vh; border: 1px solid var(--line); }
a { color: #0969da; overflow-wrap: anywhere; }
code { background: var(--stripe); padding: 0 .2em; }
`;

// Reads the chosen digest file as bytes and sends them base64-encoded, so the server decodes
// them exactly as `sourcecheck verify` decodes a file (GB18030 exports included).
const DIGEST_UPLOAD = `
document.addEventListener('DOMContentLoaded', () => {
  const input = document.getElementById('digest-file');
  const data = document.getElementById('upload-data');
  const name = document.getElementById('upload-name');
  const text = document.getElementById('digest-text');
  if (!input || !data || !name || !text) return;
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (!file) { data.value = ''; name.value = ''; return; }
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      data.value = btoa(binary);
      name.value = file.name;
      text.value = '';
      text.placeholder = 'Uploading ' + file.name + ' (' + bytes.length + ' bytes)';
    };
    reader.readAsArrayBuffer(file);
  });
});
`;

/** Static files by name: content type and body. */
export const ASSETS: ReadonlyMap<string, { type: string; body: string }> = new Map([
  ['style.css', { type: 'text/css; charset=utf-8', body: STYLE }],
  ['digest-upload.js', { type: 'text/javascript; charset=utf-8', body: DIGEST_UPLOAD }],
]);
