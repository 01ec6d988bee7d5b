import { get } from "../api";
import { Empty, ErrorNote, Loading } from "../components";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { hrefs, Link } from "../router";
import type { Delivery, Subscription } from "../types";

const DELIVERY_GLYPHS: Record<Delivery["status"], string> = {
  pending: "◷",
  delivered: "✓",
  failed: "✕",
};

export function SubscriptionsPage() {
  const list = useLoad(() => get<{ items: Subscription[] }>("/subscriptions"), []);
  return (
    <section aria-labelledby="subscriptions-title">
      <h1 id="subscriptions-title">Subscriptions</h1>
      <ErrorNote error={list.error} />
      {list.data === undefined ? (
        list.error === null && <Loading what="subscriptions" />
      ) : list.data.items.length === 0 ? (
        <Empty>No subscriptions: POST /subscriptions to send run events to a URL.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Jobs</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((subscription) => (
                <tr key={subscription.id}>
                  <td>
                    <Link href={hrefs.subscription(subscription.id)}>{subscription.url}</Link>
                    {subscription.description && (
                      <div class="muted">{subscription.description}</div>
                    )}
                  </td>
                  <td>{subscription.events.join(", ")}</td>
                  <td>{subscription.jobs?.join(", ") ?? "every job"}</td>
                  <td>{formatTime(subscription.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One subscription and its recent deliveries (status codes and errors), refreshed live. */
export function SubscriptionPage({ id }: { id: string }) {
  const path = `/subscriptions/${encodeURIComponent(id)}`;
  const subscription = useLoad(() => get<Subscription>(path), [id]);
  const deliveries = useLoad(() => get<{ items: Delivery[] }>(`${path}/deliveries`), [id], 5000);
  return (
    <article aria-labelledby="subscription-title">
      <p class="crumbs">
        <Link href={hrefs.subscriptions()}>Subscriptions</Link> /
      </p>
      <h1 id="subscription-title">{subscription.data?.url ?? id}</h1>
      <ErrorNote error={subscription.error ?? deliveries.error} />
      <h2>Deliveries</h2>
      {deliveries.data === undefined ? (
        <Loading what="deliveries" />
      ) : deliveries.data.items.length === 0 ? (
        <Empty>Nothing delivered yet.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{delivery.type}</td>
                  <td>
                    <Link href={hrefs.run(delivery.run_id)} class="mono">
                      {delivery.run_id.slice(0, 8)}
                    </Link>
                  </td>
                  <td class={`delivery-${delivery.status}`}>
                    <span aria-hidden="true">{DELIVERY_GLYPHS[delivery.status]}</span>{" "}
                    {delivery.status}
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.last_status_code ?? "–"}
                    {delivery.last_error && <div class="error-note">{delivery.last_error}</div>}
                  </td>
                  <td>{formatTime(delivery.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
