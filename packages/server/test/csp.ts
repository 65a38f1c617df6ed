/** A Content-Security-Policy header as directive name → its sources (one string, as sent). */
export const cspDirectives = (csp: string | null, opts: { foldCase?: boolean } = {}): Record<string, string> =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...rest] = d.split(/\s+/);
        // directive names are case-insensitive; `foldCase` reads them so
        return [opts.foldCase ? name.toLowerCase() : name, rest.join(' ')];
      }),
  );
