/**
 * A box that scrolls a wide table sideways on a phone. Keyboard users must be able to reach and scroll it
 * (WCAG 2.1.1), so it takes focus and is a named region.
 */
export function TableWrap({ label, labelledBy, children, className }: { label?: string; labelledBy?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className ? `table-wrap ${className}` : "table-wrap"} tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
