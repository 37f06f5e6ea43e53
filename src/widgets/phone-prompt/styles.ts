// The bottom sheet's styles, adopted as a constructable stylesheet: no <style> element and no
// inline style attribute, so it renders under a strict Content-Security-Policy (style-src 'self').
// Fixed position: the page beneath never moves (no layout shift).
export const CSS = `:host{all:initial}
.sheet{position:fixed;inset:auto 0 0;z-index:2147483000;box-sizing:border-box;max-width:28rem;margin:0 auto;background:#fff;color:#1a1a1a;font:15px/1.5 system-ui,sans-serif;padding:1.25rem 1.25rem 1rem;border-radius:1rem 1rem 0 0;box-shadow:0 -6px 30px #0003}
@keyframes up{from{transform:translateY(100%)}}
@media (prefers-reduced-motion:no-preference){.sheet{animation:up .2s ease-out}}
h2{font-size:1.1rem;margin:0 0 .25rem;margin-inline-end:2rem}
p{margin:0 0 .75rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input+label{margin-top:.75rem}
input:not([type=checkbox]){box-sizing:border-box;width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #888;border-radius:.5rem}
.consent{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.75rem 0}
.error{color:#b00020;min-height:1.5em;margin:0}
.save{width:100%;font:inherit;font-weight:600;padding:.7rem;border:0;border-radius:.5rem;background:#1a1a1a;color:#fff;cursor:pointer}
.close{position:absolute;top:.5rem;inset-inline-end:.5rem;width:2.25rem;height:2.25rem;font-size:1.4rem;border:0;background:none;cursor:pointer;color:inherit}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}`;
