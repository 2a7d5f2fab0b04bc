/**
 * Sets CSS custom properties through the CSSOM. The CSP (`style-src 'self'`)
 * forbids style attributes in markup; the CSSOM is allowed, and the stylesheet
 * reads the variables (`transform: translateY(var(--y))`).
 */
export function cssVars(vars: Record<string, string>): (el: HTMLElement | null) => void {
  return (el) => {
    if (!el) return;
    for (const [k, v] of Object.entries(vars)) el.style.setProperty(k, v);
  };
}
