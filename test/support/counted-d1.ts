/**
 * A round-trip counter for tests: a D1Database that passes every call to the real binding
 * and records each trip to the database (a statement's `first`, `all`, `run` or `raw`, and a
 * `batch` as one), so a test can see what a request costs in D1 round trips.
 */

export interface CountedD1 {
  /** The real binding wrapped; give it to code as its `DB`. */
  readonly d1: D1Database;
  /** One entry per round trip, in order: the statement's text, or every text of a batch. */
  readonly trips: string[][];
}

/** The statement a counted one wraps, for the real binding's `batch`. */
const real = new WeakMap<D1PreparedStatement, D1PreparedStatement>();

export function countedD1(d1: D1Database): CountedD1 {
  const trips: string[][] = [];
  const texts = new WeakMap<D1PreparedStatement, string>();
  const wrap = (statement: D1PreparedStatement, text: string): D1PreparedStatement => {
    const counted = new Proxy(statement, {
      get(target, property) {
        if (property === "bind")
          return (...values: unknown[]) => wrap(target.bind(...values), text);
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (["first", "all", "run", "raw"].includes(String(property)))
          return (...args: unknown[]) => {
            trips.push([text]);
            return value.apply(target, args);
          };
        return value.bind(target);
      },
    });
    real.set(counted, statement);
    texts.set(counted, text);
    return counted;
  };
  const counted: D1Database = new Proxy(d1, {
    get(target, property) {
      if (property === "prepare")
        return (query: string) => wrap(target.prepare(query), query.replace(/\s+/g, " ").trim());
      if (property === "batch")
        return (statements: D1PreparedStatement[]) => {
          trips.push(statements.map((statement) => texts.get(statement) ?? "?"));
          return target.batch(statements.map((statement) => real.get(statement) ?? statement));
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1: counted, trips };
}
