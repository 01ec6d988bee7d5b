/**
 * How one Durable Object is reached from other code. Each object declares its protocol as
 * an interface its class implements (methods may be sync there); its client
 * (its module in src/clients) hands callers `Remote<Protocol>`, so no folder
 * imports another folder's object class.
 */
export type Remote<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/**
 * The object named `name` in `namespace`, seen through its class's methods. Workers' own
 * stub type maps every RPC result recursively (JSON values are recursive) and exhausts the
 * type checker, so the stub is read as `Remote<O>`: what an RPC call answers is the awaited
 * result of the class's method, which `O`'s protocol interface pins down.
 */
export function remote<O extends Rpc.DurableObjectBranded>(
  namespace: DurableObjectNamespace<O>,
  name: string,
): Remote<O> {
  const stub: unknown = namespace.get(namespace.idFromName(name));
  return stub as Remote<O>;
}
