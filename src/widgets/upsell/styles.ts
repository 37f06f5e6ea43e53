// Mobile first: one card per row, scrolling sideways when there are more; logical properties so
// right-to-left languages mirror correctly; 44px touch targets.
export const upsellCss = `.box{height:100%;display:flex;flex-direction:column;gap:6px;padding:10px 12px;background:#fff;color:#1a1a1a;font:14px/1.4 system-ui,sans-serif;border:1px solid #ddd;border-radius:12px}
h2{margin:0;font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding-inline-end:40px}
h3{margin:0;font-size:15px;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere}
a{color:inherit}
.list{flex:1;min-height:0;display:flex;gap:10px;overflow-x:auto;scroll-snap-type:x mandatory}
.card{flex:0 0 min(100%,22rem);scroll-snap-align:start;display:flex;gap:10px;min-height:0;overflow:hidden}
img,.noimg{flex:none;width:88px;height:88px;border-radius:8px;object-fit:cover;background:#f2f2f2}
.body{flex:1;min-width:0;display:flex;flex-direction:column;gap:4px}
p{margin:0}
.price{font-size:16px}.regular{color:#666}
.badge{background:#c62828;color:#fff;border-radius:4px;padding:0 6px;font-size:12px}
.choices{display:flex;gap:6px}
select{min-height:32px;font:inherit;max-width:50%}
.clock{color:#555;font-size:13px}
.actions{display:flex;gap:8px;margin-top:auto}
button{min-height:44px;font:inherit;border-radius:8px;cursor:pointer}
.accept{flex:1;background:#1f5fa8;color:#fff;border:0}
.decline{background:none;border:1px solid #bbb;padding:0 12px}
button:disabled{opacity:.55;cursor:default}
.status{font-size:13px;min-height:1.4em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.close{position:absolute;top:6px;inset-inline-end:6px;width:44px;background:none;border:0;font-size:22px}
button:focus-visible,select:focus-visible,a:focus-visible{outline:2px solid #1f5fa8;outline-offset:2px}`;
