import { get } from "../api";
import { Empty, ErrorNote, JsonBlock, Loading } from "../components";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import type { Json, Page } from "../types";

interface Action {
  name: string;
  type: string;
  description?: string;
  updated_at: string;
  [field: string]: Json | undefined;
}

/** The action catalog: each action's type and its whole specification. */
export function ActionsPage() {
  const actions = useLoad(() => get<Page<Action>>("/actions?limit=200"), []);
  return (
    <section aria-labelledby="actions-title">
      <h1 id="actions-title">Actions</h1>
      <ErrorNote error={actions.error} />
      {actions.data === undefined ? (
        actions.error === null && <Loading what="actions" />
      ) : actions.data.items.length === 0 ? (
        <Empty>No actions in the catalog.</Empty>
      ) : (
        <ul class="cards">
          {actions.data.items.map((action) => (
            <li key={action.name}>
              <details>
                <summary>
                  <strong>{action.name}</strong> <span class="tag">{action.type}</span>{" "}
                  <span class="muted">
                    {action.description ?? ""} · updated {formatTime(action.updated_at)}
                  </span>
                </summary>
                <JsonBlock label="Specification" value={action as Json} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
