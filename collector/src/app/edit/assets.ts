// The editing pages' styles and scripts, served with the app's assets (../assets.ts) from
// /app/assets/. Each page's script is the shared helpers and the page's own code, both written as
// functions in ./client/ and serialized here; the campaigns page also gets the sender's segment
// counter (../../campaigns/segments-script.ts), so the count shown is the count charged.
import { SEGMENTS_SCRIPT } from '../../campaigns/segments-script.js';
import { editCommon } from './client/common.js';
import { campaignsPage } from './client/campaigns.js';
import { offersPage } from './client/offers.js';
import { blacklistPage } from './client/blacklist.js';
import { storesPage } from './client/stores.js';
import { UPSELL_PREVIEW_CSS } from './upsell-preview.js';

export const EDIT_CSS = `
.row{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:start}
.field{display:flex;flex-direction:column;gap:2px;margin:6px 0;min-width:0;max-width:100%}
.field label{font-size:13px;color:var(--muted)}
.field-problem{margin:2px 0 0;font-size:13px}
[aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
fieldset{border:1px solid var(--line);border-radius:10px;padding:8px 12px;margin:10px 0;min-width:0}
legend{font-weight:600;padding:0 4px}
label.check{display:inline-flex;gap:6px;align-items:center;font-size:15px;color:var(--ink);min-height:36px;margin-inline-end:10px}
label.check input{min-height:0;width:20px;height:20px}
textarea{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Tahoma,sans-serif;width:100%;padding:6px 8px;border:1px solid #7a8499;border-radius:6px;color:inherit}
ol.steps{list-style:none;padding:0;margin:0}
.texts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:12px}
.text{border-block-start:1px solid var(--line);padding-block-start:6px}
.count{font-size:13px;color:var(--muted)}.count.warn{color:var(--warn)}
.phone{margin:8px 0;max-width:280px;border:2px solid #55607a;border-radius:22px;padding:18px 10px 22px;background:#eef1f6}
.bubble{background:#fff;border:1px solid var(--line);border-radius:14px;padding:8px 10px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;color:var(--ink)}
.form-problems{padding-inline-start:20px}
.actions{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.secret .choices{display:flex;gap:12px;flex-wrap:wrap}
.secret label{color:var(--ink);font-size:14px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.copy-row{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.copy-row code{padding:4px 8px;background:var(--soft);border-radius:6px}
.days.field{flex-direction:row;flex-wrap:wrap;align-items:center}.days .field-problem{flex-basis:100%}
.what{min-width:0;flex:1}
.diff{margin:0;padding-inline-start:18px}.diff .was{color:var(--bad)}.diff .now{color:var(--good)}
.diff code{white-space:pre-wrap;overflow-wrap:anywhere}
details.rule{border:1px solid var(--line);border-radius:10px;padding:8px 12px;margin:8px 0}
details.rule summary{cursor:pointer;font-weight:600;min-height:36px;display:list-item}
${UPSELL_PREVIEW_CSS}
`;

const script = (...parts: (string | (() => void))[]) => parts.map((p) => (typeof p === 'string' ? p : `(${p.toString()})();\n`)).join('');

export const EDIT_SCRIPTS: [string, string][] = [
  ['edit-campaigns.js', script(SEGMENTS_SCRIPT, editCommon, campaignsPage)],
  ['edit-offers.js', script(editCommon, offersPage)],
  ['edit-blacklist.js', script(editCommon, blacklistPage)],
  ['edit-stores.js', script(editCommon, storesPage)],
];
