import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

/** The dashboard's pages live under /ui/; the rest of the path is the client-side route. */
export const BASE = "/ui";

const listeners = new Set<() => void>();

/** Moves to `href` (under /ui/) without a reload. */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  for (const listener of listeners) listener();
}

/** The current location (path and query), re-rendering on navigation and back/forward. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    listeners.add(update);
    addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      removeEventListener("popstate", update);
    };
  }, []);
  return url;
}

/** A same-page link: a real <a href> (so it opens in a new tab too) that navigates in place. */
export function Link(props: { href: string; class?: string; children: ComponentChildren }) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

export type Route =
  | { page: "runs" }
  | { page: "run"; id: string }
  | { page: "jobs" }
  | { page: "job"; name: string }
  | { page: "actions" }
  | { page: "schedules" }
  | { page: "subscriptions" }
  | { page: "subscription"; id: string }
  | { page: "missing" };

/** Reads the route from a path under /ui/. */
export function matchRoute(pathname: string): Route {
  const rest = pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length + 1) : "";
  const [section = "", id, ...extra] = rest.split("/").filter(Boolean).map(decodeURIComponent);
  if (extra.length > 0) return { page: "missing" };
  switch (section) {
    case "":
    case "runs":
      return id === undefined ? { page: "runs" } : { page: "run", id };
    case "jobs":
      return id === undefined ? { page: "jobs" } : { page: "job", name: id };
    case "actions":
      return id === undefined ? { page: "actions" } : { page: "missing" };
    case "schedules":
      return id === undefined ? { page: "schedules" } : { page: "missing" };
    case "subscriptions":
      return id === undefined ? { page: "subscriptions" } : { page: "subscription", id };
    default:
      return { page: "missing" };
  }
}

export const hrefs = {
  runs: (query = "") => `${BASE}/runs${query}`,
  run: (id: string) => `${BASE}/runs/${id}`,
  jobs: () => `${BASE}/jobs`,
  job: (name: string) => `${BASE}/jobs/${encodeURIComponent(name)}`,
  actions: () => `${BASE}/actions`,
  schedules: () => `${BASE}/schedules`,
  subscriptions: () => `${BASE}/subscriptions`,
  subscription: (id: string) => `${BASE}/subscriptions/${encodeURIComponent(id)}`,
};
