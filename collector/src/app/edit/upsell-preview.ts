// The thank-you upsell widget's look (the SDK's src/widgets/upsell/styles.ts), scoped to the
// preview box of /app/offers: the owner sees the card shoppers will see.
export const UPSELL_PREVIEW_CSS = `
.upsell-preview{max-width:26rem;margin:8px 0}
.upsell-preview .box{display:flex;flex-direction:column;gap:6px;padding:10px 12px;background:#fff;color:#1a1a1a;font:14px/1.4 system-ui,sans-serif;border:1px solid #ddd;border-radius:12px;position:relative}
.upsell-preview h2{margin:0;font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.upsell-preview h3{margin:0;font-size:15px;overflow-wrap:anywhere}
.upsell-preview .list{display:flex;gap:10px;overflow-x:auto}
.upsell-preview .card{flex:0 0 min(100%,22rem);display:flex;gap:10px;min-height:0;overflow:hidden}
.upsell-preview img,.upsell-preview .noimg{flex:none;width:88px;height:88px;border-radius:8px;object-fit:cover;background:#f2f2f2}
.upsell-preview .body{flex:1;min-width:0;display:flex;flex-direction:column;gap:4px}
.upsell-preview p{margin:0}
.upsell-preview .price{font-size:16px}.upsell-preview .regular{color:#666}
.upsell-preview .badge{background:#c62828;color:#fff;border-radius:4px;padding:0 6px;font-size:12px;border:0}
.upsell-preview .clock{color:#555;font-size:13px}
.upsell-preview .actions{display:flex;gap:8px;margin-top:auto}
.upsell-preview button{min-height:44px;font:inherit;border-radius:8px;cursor:default}
.upsell-preview .accept{flex:1;background:#1f5fa8;color:#fff;border:0}
.upsell-preview .decline{background:none;border:1px solid #bbb;padding:0 12px;color:#1a1a1a}
`;
