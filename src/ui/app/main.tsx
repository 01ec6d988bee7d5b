import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ApiError, setUnauthorizedHandler } from "./api";
import { Loading } from "./components";
import { ActionsPage } from "./pages/actions";
import { JobPage } from "./pages/job";
import { JobsPage } from "./pages/jobs";
import { RunPage } from "./pages/run";
import { RunsPage } from "./pages/runs";
import { SchedulesPage } from "./pages/schedules";
import { SubscriptionPage, SubscriptionsPage } from "./pages/subscriptions";
import { hrefs, Link, matchRoute, type Route, useLocation } from "./router";
import { readSession, type Session, SessionContext, SignIn, signOut } from "./session";

const SECTIONS: { label: string; href: string; pages: Route["page"][] }[] = [
  { label: "Runs", href: hrefs.runs(), pages: ["runs", "run"] },
  { label: "Jobs", href: hrefs.jobs(), pages: ["jobs", "job"] },
  { label: "Actions", href: hrefs.actions(), pages: ["actions"] },
  { label: "Schedules", href: hrefs.schedules(), pages: ["schedules"] },
  { label: "Subscriptions", href: hrefs.subscriptions(), pages: ["subscriptions", "subscription"] },
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "runs":
      return <RunsPage />;
    case "run":
      return <RunPage id={route.id} />;
    case "jobs":
      return <JobsPage />;
    case "job":
      return <JobPage name={route.name} />;
    case "actions":
      return <ActionsPage />;
    case "schedules":
      return <SchedulesPage />;
    case "subscriptions":
      return <SubscriptionsPage />;
    case "subscription":
      return <SubscriptionPage id={route.id} />;
    case "missing":
      return (
        <p>
          No such page. <Link href={hrefs.runs()}>Back to the runs</Link>.
        </p>
      );
  }
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const url = useLocation();
  const route = matchRoute(url.pathname);
  useEffect(() => {
    document.querySelector("main")?.focus({ preventScroll: true });
  }, [url.pathname]);
  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="top">
        <Link href={hrefs.runs()} class="brand">
          <span class="logo" aria-hidden="true">
            ◭
          </span>{" "}
          Cairn
        </Link>
        <nav aria-label="Sections">
          {SECTIONS.map((section) => (
            <a
              key={section.href}
              href={section.href}
              aria-current={section.pages.includes(route.page) ? "page" : undefined}
              onClick={(event) => {
                event.preventDefault();
                history.pushState(null, "", section.href);
                dispatchEvent(new PopStateEvent("popstate"));
              }}
            >
              {section.label}
            </a>
          ))}
        </nav>
        <span class="who" title={`Session ends ${session.expires_at}`}>
          {session.scopes.join(", ")}
        </span>
        <button type="button" onClick={() => signOut().finally(onSignOut)}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        <Page route={route} />
      </main>
    </SessionContext.Provider>
  );
}

/** Signed in: the dashboard; not (or no longer): the sign-in form. */
function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    setUnauthorizedHandler(() => setSession(null));
    readSession()
      .then((found) => setSession(found.signed_in ? found : null))
      .catch((error: ApiError) => {
        console.warn(error.message);
        setSession(null);
      });
  }, []);
  if (session === undefined) return <Loading what="the dashboard" />;
  if (session === null) return <SignIn onSignedIn={setSession} />;
  return <Shell session={session} onSignOut={() => setSession(null)} />;
}

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<App />, root);
}
